package org.recsysbook.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.charset.StandardCharsets;

/**
 * Rewrites classes as the notebook's class loader defines them: calls that would end the JVM
 * ({@code System.exit}, {@code Runtime.exit}, {@code Runtime.halt}) become calls to
 * {@link org.recsysbook.kernel.runtime.ExitTrap}, and a JShell wrapper's {@code do_it$} hands its value
 * to {@link org.recsysbook.kernel.runtime.ValueCapture}. Classes that mention neither are returned
 * unchanged without being parsed.
 */
final class BytecodeRewriter {
    private static final String TRAP = "org/recsysbook/kernel/runtime/ExitTrap";
    private static final String CAPTURE = "org/recsysbook/kernel/runtime/ValueCapture";
    private static final String STOP = "org/recsysbook/kernel/runtime/StopCheck";
    private static final byte[] EXIT = "exit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HALT = "halt".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DO_IT = "do_it$".getBytes(StandardCharsets.US_ASCII);

    private BytecodeRewriter() { }

    static byte[] rewrite(byte[] classFile, boolean snippet) {
        boolean doIt = snippet && contains(classFile, DO_IT);
        if (!snippet && !contains(classFile, EXIT) && !contains(classFile, HALT)) {
            return classFile;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                boolean entry = doIt && "do_it$".equals(name);
                boolean capture = entry && descriptor.endsWith(")Ljava/lang/Object;");
                boolean stoppable = snippet && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    private final java.util.Set<org.objectweb.asm.Label> seen = new java.util.HashSet<>();

                    @Override
                    public void visitCode() {
                        super.visitCode();
                        if (stoppable) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP, entry ? "enter" : "check", "()V", false);
                        }
                    }

                    @Override
                    public void visitLabel(org.objectweb.asm.Label label) {
                        super.visitLabel(label);
                        seen.add(label);
                    }

                    @Override
                    public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
                        if (stoppable && seen.contains(label)) {
                            // a backward jump: a loop; check for a stop on every turn
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP, "check", "()V", false);
                        }
                        super.visitJumpInsn(opcode, label);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String mName, String mDesc, boolean itf) {
                        if (opcode == Opcodes.INVOKESTATIC && "java/lang/System".equals(owner)
                                && "exit".equals(mName) && "(I)V".equals(mDesc)) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP, "exit", "(I)V", false);
                        } else if (opcode == Opcodes.INVOKEVIRTUAL && "java/lang/Runtime".equals(owner)
                                && ("exit".equals(mName) || "halt".equals(mName)) && "(I)V".equals(mDesc)) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP,
                                    "exit".equals(mName) ? "runtimeExit" : "runtimeHalt",
                                    "(Ljava/lang/Runtime;I)V", false);
                        } else {
                            super.visitMethodInsn(opcode, owner, mName, mDesc, itf);
                        }
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (capture && opcode == Opcodes.ARETURN) {
                            // The value is on the stack: duplicate it for the capture call, which consumes
                            // one copy; the stack's maximum depth grows by one.
                            super.visitInsn(Opcodes.DUP);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, CAPTURE, "capture",
                                    "(Ljava/lang/Object;)V", false);
                        }
                        super.visitInsn(opcode);
                    }

                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        super.visitMaxs(capture ? maxStack + 1 : maxStack, maxLocals);
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, end = haystack.length - needle.length; i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
