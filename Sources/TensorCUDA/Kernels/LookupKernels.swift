extension CUDAKernels {
    /// `Backend.gatherRows`: the embedding lookup.
    static let gatherRows = CUDAKernel(name: "gather_rows", source: #"""
    // out[r][j] = table[indices[r]][j], the table read through its offset and strides.
    extern "C" __global__ void gather_rows(const float* table, long long offset, long long row_stride,
                                           long long column_stride, const int* indices, float* out,
                                           unsigned int rows, unsigned int columns) {
        FOR_EACH_INDEX(i, rows * columns) {
            unsigned int r = i / columns, j = i % columns;
            out[i] = table[offset + indices[r] * row_stride + j * column_stride];
        }
    }
    """#)

    /// `Backend.scatterAddRows`: the embedding's backward.
    static let scatterAddRows = CUDAKernel(name: "scatter_add_rows", source: #"""
    // table[indices[r]][j] += source[r][j], with atomicAdd so that repeated indices add up.
    extern "C" __global__ void scatter_add_rows(const float* source, const int* indices, float* table,
                                                unsigned int rows, unsigned int columns) {
        FOR_EACH_INDEX(i, rows * columns) {
            unsigned int r = i / columns, j = i % columns;
            atomicAdd(&table[(long long)indices[r] * columns + j], source[i]);
        }
    }
    """#)
}
