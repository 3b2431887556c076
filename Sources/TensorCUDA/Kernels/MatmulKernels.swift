extension CUDAKernels {
    /// Kernel 1, the simple twin: 16×16 tiles of A and B staged in shared memory, one
    /// output per thread. Each float loaded from shared memory feeds one FMA.
    static let sgemm1Tiled = CUDAKernel(name: "sgemm1_tiled", source: #"""
    #define TILE 16
    // C[z] = op(A[z]) * op(B[z]) (m x k times k x n), batch z = blockIdx.z, tiles of rows along x
    // (which allows 2^31 blocks, y only 65535): each thread one element of C, walking k a 16-wide
    // tile at a time through shared memory. (Kernel 1, the simple twin.)
    extern "C" __global__ void sgemm1_tiled(const float* a, const float* b, float* c, int m, int n, int k,
                                            int transpose_a, int transpose_b, long long lda, long long ldb,
                                            long long a_batch_stride, long long b_batch_stride) {
        __shared__ float tile_a[TILE][TILE + 1];  // tile_a[y][x] = op(A)(row, p0 + x)
        __shared__ float tile_b[TILE][TILE + 1];  // tile_b[y][x] = op(B)(p0 + y, col)
        a += blockIdx.z * a_batch_stride;
        b += blockIdx.z * b_batch_stride;
        c += (long long)blockIdx.z * m * n;
        int row = blockIdx.x * TILE + threadIdx.y, col = blockIdx.y * TILE + threadIdx.x;
        float sum = 0.0f;
        for (int p0 = 0; p0 < k; p0 += TILE) {
            int pa = p0 + threadIdx.x, pb = p0 + threadIdx.y;
            tile_a[threadIdx.y][threadIdx.x] = row < m && pa < k ? matrix_element(a, transpose_a, lda, row, pa) : 0.0f;
            tile_b[threadIdx.y][threadIdx.x] = pb < k && col < n ? matrix_element(b, transpose_b, ldb, pb, col) : 0.0f;
            __syncthreads();
            for (int p = 0; p < TILE; ++p) sum = fmaf(tile_a[threadIdx.y][p], tile_b[p][threadIdx.x], sum);
            __syncthreads();
        }
        if (row < m && col < n) c[(long long)row * n + col] = sum;
    }
    """#)

    /// Kernel 2, register blocking (as in llm.c's and Simon Boehm's SGEMM steps): a block
    /// of 256 threads owns a 64×64 tile of C and each thread a 4×4 grid of it in
    /// registers, so each float read from shared memory feeds 4 FMAs instead of 1, and
    /// tiles are loaded along whichever axis is contiguous in memory (coalesced) whatever
    /// the transposes.
    static let sgemm2RegisterBlocked = CUDAKernel(name: "sgemm2_register_blocked", source: #"""
    #define BM 64
    #define BN 64
    #define BK 8
    #define TM 4
    #define TN 4
    // C[z] = op(A[z]) * op(B[z]) like sgemm1_tiled, faster: each block a 64x64 tile of C, each of its
    // 256 threads a 4x4 grid of that tile (rows ty + 16r, columns tx + 16s) accumulated in registers.
    extern "C" __global__ void __launch_bounds__(256)
    sgemm2_register_blocked(const float* a, const float* b, float* c, int m, int n, int k, int transpose_a,
                            int transpose_b, long long lda, long long ldb, long long a_batch_stride,
                            long long b_batch_stride) {
        // The k-slices of the A and B tiles; +4 floats per row keeps the stores free of bank conflicts.
        __shared__ float tile_a[BK][BM + 4];  // tile_a[p][i] = op(A)(row0 + i, p0 + p)
        __shared__ float tile_b[BK][BN + 4];  // tile_b[p][j] = op(B)(p0 + p, col0 + j)
        a += blockIdx.z * a_batch_stride;
        b += blockIdx.z * b_batch_stride;
        c += (long long)blockIdx.z * m * n;
        int row0 = blockIdx.x * BM, col0 = blockIdx.y * BN;
        int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
        float acc[TM][TN] = {};
        for (int p0 = 0; p0 < k; p0 += BK) {
            // 256 threads load the 512 floats of each tile, consecutive threads reading consecutive floats.
            for (int e = threadIdx.x; e < BM * BK; e += 256) {
                int i = transpose_a ? e % BM : e / BK, p = transpose_a ? e / BM : e % BK;
                tile_a[p][i] = row0 + i < m && p0 + p < k
                    ? matrix_element(a, transpose_a, lda, row0 + i, p0 + p) : 0.0f;
                int j = transpose_b ? e / BK : e % BN, q = transpose_b ? e % BK : e / BN;
                tile_b[q][j] = p0 + q < k && col0 + j < n
                    ? matrix_element(b, transpose_b, ldb, p0 + q, col0 + j) : 0.0f;
            }
            __syncthreads();
    #pragma unroll
            for (int p = 0; p < BK; ++p) {
                float column_a[TM], row_b[TN];
    #pragma unroll
                for (int r = 0; r < TM; ++r) column_a[r] = tile_a[p][ty + 16 * r];
    #pragma unroll
                for (int s = 0; s < TN; ++s) row_b[s] = tile_b[p][tx + 16 * s];
    #pragma unroll
                for (int r = 0; r < TM; ++r)
    #pragma unroll
                    for (int s = 0; s < TN; ++s) acc[r][s] = fmaf(column_a[r], row_b[s], acc[r][s]);
            }
            __syncthreads();
        }
        for (int r = 0; r < TM; ++r)
            for (int s = 0; s < TN; ++s) {
                int row = row0 + ty + 16 * r, col = col0 + tx + 16 * s;
                if (row < m && col < n) c[(long long)row * n + col] = acc[r][s];
            }
    }
    """#)
}
