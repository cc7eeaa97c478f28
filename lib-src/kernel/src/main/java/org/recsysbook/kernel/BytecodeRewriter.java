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
    private static final byte[] EXIT = "exit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HALT = "halt".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DO_IT = "do_it$".getBytes(StandardCharsets.US_ASCII);

    private BytecodeRewriter() { }

    static byte[] rewrite(byte[] classFile, boolean snippet) {
        boolean doIt = snippet && contains(classFile, DO_IT);
        if (!doIt && !contains(classFile, EXIT) && !contains(classFile, HALT)) {
            return classFile;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                boolean capture = doIt && "do_it$".equals(name) && descriptor.endsWith(")Ljava/lang/Object;");
                return new MethodVisitor(Opcodes.ASM9, mv) {
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
