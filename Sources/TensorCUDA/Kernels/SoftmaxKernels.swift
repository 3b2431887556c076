extension CUDAKernels {
    /// `Backend.softmax`: one block per row, two block reductions (max, then Σ exp).
    static let softmax = CUDAKernel(name: "softmax", source: #"""
    // Each contiguous row of `columns` floats -> exp(x - max) / sum, or with take_log
    // (x - max) - log(sum of exp(x - max)), rounded in that order as the CPU does, so that
    // large logits stay exact; one block per row.
    extern "C" __global__ void softmax(const float* x, float* out, unsigned int columns, int take_log) {
        const float* row = x + (long long)blockIdx.x * columns;
        float* result = out + (long long)blockIdx.x * columns;
        float shift = NEG_INFINITY;
        for (unsigned int j = threadIdx.x; j < columns; j += blockDim.x) shift = max_with_nan(shift, row[j]);
        shift = block_reduce(shift, Max());
        float total = 0.0f;
        for (unsigned int j = threadIdx.x; j < columns; j += blockDim.x) total += expf(row[j] - shift);
        total = block_reduce(total, Sum());
        if (take_log) {
            float log_total = logf(total);
            for (unsigned int j = threadIdx.x; j < columns; j += blockDim.x) result[j] = (row[j] - shift) - log_total;
        } else {
            float scale = 1.0f / total;
            for (unsigned int j = threadIdx.x; j < columns; j += blockDim.x) result[j] = expf(row[j] - shift) * scale;
        }
    }
    """#)

    /// `Backend.softmaxBackward`: one block per row, one block reduction.
    static let softmaxBackward = CUDAKernel(name: "softmax_backward", source: #"""
    // The gradient through each row's softmax output y, given the incoming gradient g:
    // y * (g - sum of g*y), or with take_log (y is log-softmax) g - exp(y) * sum of g.
    extern "C" __global__ void softmax_backward(const float* y, const float* g, float* out, unsigned int columns,
                                                int take_log) {
        long long start = (long long)blockIdx.x * columns;
        y += start;
        g += start;
        out += start;
        float total = 0.0f;
        for (unsigned int j = threadIdx.x; j < columns; j += blockDim.x) total += take_log ? g[j] : g[j] * y[j];
        total = block_reduce(total, Sum());
        for (unsigned int j = threadIdx.x; j < columns; j += blockDim.x)
            out[j] = take_log ? g[j] - expf(y[j]) * total : y[j] * (g[j] - total);
    }
    """#)
}
