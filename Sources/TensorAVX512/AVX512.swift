/// AVX-512 kernels (built for x86-64-v4), called only where the CPU has AVX-512.
public enum AVX512 {}
