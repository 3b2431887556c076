extension CUDAKernels {
    /// `Backend.fill`.
    static let fill = CUDAKernel(name: "fill", source: #"""
    // out[i] = value for every i below n.
    extern "C" __global__ void fill(float* out, float value, unsigned int n) {
        FOR_EACH_INDEX(i, n) out[i] = value;
    }
    """#)

    /// `Backend.copy`: any view into any view of the same shape.
    static let copyView = CUDAKernel(name: "copy_view", source: #"""
    // Element i of view `to` of out = element i of view `from` of x (a strided copy).
    extern "C" __global__ void copy_view(const float* x, View from, float* out, View to, unsigned int n) {
        FOR_EACH_INDEX(i, n) out[view_index(to, i)] = x[view_index(from, i)];
    }
    """#)
}
