"""Writes the two editions of the workbook's notebooks: build/student/ and build/instructor/.

The notebooks in notebooks/ are the instructor edition: every exercise holds its solution, in cells tagged
"solution" (cell metadata {"tags": ["solution"]}). The instructor edition is a copy of them with outputs cleared.
The student edition replaces each solution cell by a stub:

* a code cell keeps its declarations and loses everything else: a method keeps its signature and gets the body
  `// TODO: your code here` and a default return (0, false, '?', "", an empty array or null); a variable keeps its
  type and name and gets the default value; other statements (loops, prints) become one `// TODO` line. The stub
  compiles and does nothing useful, so the exercise's check cell fails on it with a hint.
* a markdown cell (a worked answer) becomes "*Your answer:*".

Solution code cells may hold imports, method declarations, variable declarations (one variable each, not `var`)
and statements; classes, records, interfaces and enums are refused, since a stub could not keep them compiling.

usage: release.py [--out DIR] [NOTEBOOK ...]   (DIR defaults to build/; writes DIR/student and DIR/instructor)
"""
import argparse
import json
import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
SOLUTION_TAG = "solution"
TODO = "// TODO: your code here"
MARKDOWN_STUB = "*Your answer:*"

PRIMITIVE_DEFAULTS = {"byte": "0", "short": "0", "int": "0", "long": "0", "float": "0", "double": "0",
                      "char": "'?'", "boolean": "false"}
TYPE_DECLARATION = re.compile(r"^(?:(?:public|private|protected|static|final|abstract|sealed|non-sealed)\s+)*"
                              r"(?:class|record|interface|enum|@interface)\b")
MODIFIERS = r"(?:(?:public|private|protected|static|final|abstract|synchronized|default)\s+)*"
TYPE = r"[A-Za-z_$][\w$.]*(?:\s*<[^=;{}()]*>)?(?:\s*\[\s*\])*"
METHOD_HEAD = re.compile(r"^" + MODIFIERS + r"(?:<[^>]*>\s*)?(?P<type>" + TYPE + r")\s+(?P<name>[A-Za-z_$][\w$]*)\s*\(",
                         re.S)
VARIABLE = re.compile(r"^(?P<mods>(?:final\s+)?)(?P<type>" + TYPE + r")\s+(?P<name>[A-Za-z_$][\w$]*)\s*(?:=|;)", re.S)


class StubError(ValueError):
    pass


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def set_source(cell, text, as_list):
    if as_list:
        lines = text.split("\n")
        cell["source"] = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    else:
        cell["source"] = text


def is_solution(cell):
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def top_level_items(code):
    """Splits Java code into its top-level items, as (text, body) pairs: body is the offset in text of the item's
    top-level '{' (a method body, a block, an array initialiser) or None. Comments are dropped; strings, text
    blocks and chars are kept whole."""
    items = []
    buf = []
    size = 0
    depth = 0
    body = None
    i, n = 0, len(code)

    def take(piece):
        nonlocal size
        buf.append(piece)
        size += len(piece)

    def flush():
        nonlocal buf, size, body
        raw = "".join(buf)
        lead = len(raw) - len(raw.lstrip())
        if raw.strip():
            items.append((raw.strip(), None if body is None else body - lead))
        buf, size, body = [], 0, None

    while i < n:
        ch = code[i]
        if code.startswith("//", i):
            j = code.find("\n", i)
            i = n if j < 0 else j
            continue
        if code.startswith("/*", i):
            j = code.find("*/", i + 2)
            i = n if j < 0 else j + 2
            take(" ")
            continue
        if code.startswith('"""', i):
            j = code.find('"""', i + 3)
            j = n if j < 0 else j + 3
            take(code[i:j])
            i = j
            continue
        if ch in "\"'":
            j = i + 1
            while j < n and code[j] != ch:
                j += 2 if code[j] == "\\" else 1
            take(code[i:j + 1])
            i = j + 1
            continue
        if ch in "({[":
            if ch == "{" and depth == 0 and body is None:
                body = size
            depth += 1
        elif ch in ")}]":
            depth -= 1
        take(ch)
        i += 1
        if depth == 0 and (ch == ";" or (ch == "}" and body is not None and not _continues(code, i))):
            flush()
    flush()
    return items


def _continues(code, i):
    """Whether the code after a closing brace at i continues the same statement (`} else`, `};`, `}.then(...)`)."""
    m = re.match(r"\s*(?://[^\n]*\n\s*)*(\S+)", code[i:])
    if not m:
        return False
    nxt = m.group(1)
    return nxt[0] in ";.),]" or re.match(r"(else|catch|finally|while)\b", nxt) is not None


def _declares_several(rest):
    """Whether a declaration's text after its first name declares more names (`a = 0, b = 1`)."""
    depth = 0
    rest = re.sub(r'"""(?:.|\n)*?"""|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', rest)   # commas in strings
    for ch in rest:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            return True
    return False


def default_value(java_type):
    t = re.sub(r"\s+", "", java_type)
    if t in PRIMITIVE_DEFAULTS:
        return PRIMITIVE_DEFAULTS[t]
    if t == "String":
        return '""'
    m = re.fullmatch(r"(byte|short|int|long|float|double|char|boolean|String)((?:\[\])+)", t)
    if m:
        dims = m.group(2).count("[]")
        return "new " + m.group(1) + "[0]" + "[]" * (dims - 1)
    return "null"


def stub_code(code):
    """The student's stub of a solution code cell."""
    out = []
    for text, body in top_level_items(code):
        flat = " ".join(text.split())
        if TYPE_DECLARATION.match(flat):
            raise StubError("a solution cell may not declare a class, record, interface or enum: " + flat[:60])
        if flat.startswith("import "):
            out.append(flat)
            continue
        if body is not None:
            head = text[:body].rstrip()
            m = METHOD_HEAD.match(" ".join(head.split()))
            if m and re.search(r"\)(\s*throws\s+[\w$.,\s]+)?$", head):
                lines = [head + " {", "    " + TODO]
                if m.group("type") != "void":
                    lines.append("    return " + default_value(m.group("type")) + ";")
                lines.append("}")
                out.append("\n".join(lines))
                continue
        m = VARIABLE.match(flat)
        if m and m.group("type") not in ("return", "throw", "new", "yield", "else", "case"):
            if m.group("type") == "var":
                raise StubError("a solution cell's variable needs its type, not var: " + flat[:60])
            if _declares_several(flat[m.end():]):
                raise StubError("declare one variable per statement in a solution cell: " + flat[:60])
            out.append(f"{m.group('mods')}{m.group('type')} {m.group('name')} = {default_value(m.group('type'))};"
                       "   // TODO")
            continue
        if not out or out[-1] != TODO:
            out.append(TODO)
    return "\n".join(out) if out else TODO


def clear_outputs(nb):
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None


def student_edition(nb):
    """A copy of the notebook with every solution cell replaced by its stub (tags kept, so solutions can be put
    back by cell id)."""
    nb = json.loads(json.dumps(nb))
    clear_outputs(nb)
    for cell in nb["cells"]:
        if not is_solution(cell):
            continue
        as_list = isinstance(cell.get("source"), list)
        if cell["cell_type"] == "code":
            set_source(cell, stub_code(source(cell)), as_list)
        else:
            set_source(cell, MARKDOWN_STUB, as_list)
    return nb


def write(nb, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


EDITION_README = {
    "student": """# Student edition

The workbook's notebooks with the exercises left for you: each exercise's answer cell holds a `// TODO` stub,
and the check cell below it says ✔ or ✘ with a hint. Run a notebook from the top, then work on its exercises.
""",
    "instructor": """# Instructor edition

The workbook's notebooks with every solution in place (cells tagged `solution`) and outputs cleared. Running a
notebook top to bottom passes every check; `./workbook run` records each verdict as `check_<name>` in
`build/workbook/results.json`.
""",
}


def release(out_dir, names=None):
    available = sorted(f for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb"))
    wanted = available if not names else [n if n.endswith(".ipynb") else n + ".ipynb" for n in names]
    missing = [n for n in wanted if n not in available]
    if missing:
        raise SystemExit(f"no such notebook: {', '.join(missing)}")
    written = {}
    for edition in ("student", "instructor"):
        d = os.path.join(out_dir, edition)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        with open(os.path.join(d, "README.md"), "w") as f:
            f.write(EDITION_README[edition])
    for name in wanted:
        with open(os.path.join(NOTEBOOKS, name), encoding="utf-8") as f:
            nb = json.load(f)
        try:
            student = student_edition(nb)
        except StubError as e:
            raise SystemExit(f"{name}: {e}")
        instructor = json.loads(json.dumps(nb))
        clear_outputs(instructor)
        write(student, os.path.join(out_dir, "student", name))
        write(instructor, os.path.join(out_dir, "instructor", name))
        written[name] = sum(1 for c in nb["cells"] if is_solution(c))
    return written


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.join(ROOT, "build"))
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args()
    written = release(args.out, args.notebooks)
    for name, count in written.items():
        print(f"{name[:-6]:<28} {count} solution cells")
    print(f"\nstudent edition:    {os.path.join(args.out, 'student')}")
    print(f"instructor edition: {os.path.join(args.out, 'instructor')}")


if __name__ == "__main__":
    sys.exit(main())
