"""Jupyter's own kernel conformance suite (jupyter_kernel_test), run against the Java kernel.

Every sample below is Java, as a student would type it in a notebook cell.
"""
import unittest

import jupyter_kernel_test


class JavaKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "java"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "\"hello\".toUpperC", "matches": {"toUpperCase("}},
        {"text": "Math.sq", "matches": {"sqrt("}},
        {"text": "%mav", "matches": {"%maven", "%mavenRepo"}},
    ]

    complete_code_samples = [
        "int x = 1;",
        "System.out.println(1);",
        "class A { int f() { return 1; } }",
        "%maven org.apache.commons:commons-math3:3.6.1",
        "1 + 2",
    ]
    incomplete_code_samples = [
        "for (int i = 0; i < 3; i++) {",
        "class B {",
        "int y = (1 +",
    ]
    invalid_code_samples = [
        "int x = 1; )",
    ]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"a\" + \"b\"", "result": "ab"},
        {"code": "java.util.List.of(1, 2)", "result": "[1, 2]"},
    ]

    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": 'display("plain");', "mime": "text/plain"},
    ]

    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main()
