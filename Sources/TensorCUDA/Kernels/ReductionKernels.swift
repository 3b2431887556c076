extension CUDAKernels {
    /// `Backend.reduce` along the last (contiguous) axis: one block per row.
    static let reduceRows = CUDAKernel(name: "reduce_rows", source: #"""
    // out[r] = sum or max (op) of the `count` contiguous floats of row r; one block per row.
    extern "C" __global__ void reduce_rows(int op, const float* x, float* out, unsigned int count) {
        const float* row = x + (long long)blockIdx.x * count;
        float total = op == REDUCE_SUM ? 0.0f : NEG_INFINITY;
        for (unsigned int j = threadIdx.x; j < count; j += blockDim.x)
            total = op == REDUCE_SUM ? total + row[j] : max_with_nan(total, row[j]);
        total = op == REDUCE_SUM ? block_reduce(total, Sum()) : block_reduce(total, Max());
        if (threadIdx.x == 0) out[blockIdx.x] = total;
    }
    """#)

    /// `Backend.reduce` along any other axis: one thread per output.
    static let reduceColumns = CUDAKernel(name: "reduce_columns", source: #"""
    // out[o][j] = sum or max (op) over c of x[o][c][j], x contiguous outer x count x inner;
    // one thread per output, so neighbouring threads read neighbouring floats.
    extern "C" __global__ void reduce_columns(int op, const float* x, float* out, unsigned int outer,
                                              unsigned int count, unsigned int inner) {
        FOR_EACH_INDEX(i, outer * inner) {
            const float* column = x + (long long)(i / inner) * count * inner + i % inner;
            float total = op == REDUCE_SUM ? 0.0f : NEG_INFINITY;
            for (unsigned int c = 0; c < count; ++c) {
                float value = column[(long long)c * inner];
                total = op == REDUCE_SUM ? total + value : max_with_nan(total, value);
            }
            out[i] = total;
        }
    }
    """#)

    /// `Backend.argmax`.
    static let argmax = CUDAKernel(name: "argmax", source: #"""
    // out[o][j] = the first c where x[o][c][j] is largest (a NaN counts as largest), as on the CPU.
    extern "C" __global__ void argmax(const float* x, int* out, unsigned int outer, unsigned int count,
                                      unsigned int inner) {
        FOR_EACH_INDEX(i, outer * inner) {
            const float* column = x + (long long)(i / inner) * count * inner + i % inner;
            float best = NEG_INFINITY;
            int best_index = 0;
            for (unsigned int c = 0; c < count; ++c) {
                float value = column[(long long)c * inner];
                if (value > best || (value != value && best == best)) {
                    best = value;
                    best_index = c;
                }
            }
            out[i] = best_index;
        }
    }
    """#)
}
