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

extension CUDAKernels {
    /// Kernel 3, large tiles and double buffering (the steps after kernel 2 in Simon
    /// Boehm's SGEMM worklog): a block of 256 threads owns a 128×128 tile of C and each
    /// thread an 8×8 grid of it, so each float read from shared memory feeds 8 FMAs; the
    /// thread reads its column of A and row of B as 16-byte vectors, and the next k-slice
    /// is fetched from global memory while the current one is multiplied, into the other
    /// of two shared-memory buffers, so one barrier per slice suffices.
    static let sgemm3DoubleBuffered = CUDAKernel(name: "sgemm3_double_buffered", source: #"""
    #define TILE3 128
    #define BK3 8
    #define PAD3 4
    // One thread's share of loading the k-slices of a 128-wide tile of op(A) (its rows) or op(B) (its columns)
    // into shared memory: 4 of each slice's 1024 elements, element r at (outer + r d_outer, p + r d_p) of the
    // tile, stored at tile[p][outer]. Consecutive threads read consecutive addresses along whichever axis is
    // contiguous in memory (k_contiguous: along k).
    struct SliceLoader {
        const float* x;               // element 0 of the next slice to fetch
        long long step, slice_step;   // from element r to r + 1; from one slice to the next
        int outer, p, d_outer, d_p;
        unsigned inside;              // bit r: element r's row (column) lies inside the matrix

        __device__ SliceLoader(const float* base, long long ld, bool k_contiguous, int outer0, int extent, int t) {
            outer = k_contiguous ? t / BK3 : t % TILE3;
            p = k_contiguous ? t % BK3 : t / TILE3;
            d_outer = k_contiguous ? 256 / BK3 : 0;
            d_p = k_contiguous ? 0 : 256 / TILE3;
            x = base + (k_contiguous ? (long long)(outer0 + outer) * ld + p : (long long)p * ld + outer0 + outer);
            step = (long long)(k_contiguous ? d_outer : d_p) * ld;
            slice_step = k_contiguous ? BK3 : BK3 * ld;
            inside = 0;
            for (int r = 0; r < 4; ++r)
                if (outer0 + outer + r * d_outer < extent) inside |= 1u << r;
        }

        // The slice whose first k is p0 (0 past k), then x moves on to the next.
        __device__ __forceinline__ void fetch(float v[4], int p0, int k) {
    #pragma unroll
            for (int r = 0; r < 4; ++r) v[r] = (inside >> r & 1) && p0 + p + r * d_p < k ? x[r * step] : 0.0f;
            x += slice_step;
        }

        __device__ __forceinline__ void stage(float tile[BK3][TILE3 + PAD3], const float v[4]) const {
    #pragma unroll
            for (int r = 0; r < 4; ++r) tile[p + r * d_p][outer + r * d_outer] = v[r];
        }
    };

    // C[z] = op(A[z]) * op(B[z]) like sgemm1_tiled, for large products: each block a 128x128 tile of C, each
    // of its 256 threads (tx = t % 16, ty = t / 16) the 8x8 grid of rows {4ty + i, 64 + 4ty + i} and columns
    // {4tx + j, 64 + 4tx + j}, i, j < 4, accumulated in registers. Shared memory holds two k-slices of each
    // tile, transposed so that a thread's 4 consecutive rows (or columns) are one aligned float4.
    extern "C" __global__ void __launch_bounds__(256)
    sgemm3_double_buffered(const float* a, const float* b, float* c, int m, int n, int k, int transpose_a,
                           int transpose_b, long long lda, long long ldb, long long a_batch_stride,
                           long long b_batch_stride) {
        __shared__ __align__(16) float tile_a[2][BK3][TILE3 + PAD3];  // tile_a[s][p][i] = op(A)(row0 + i, p0 + p)
        __shared__ __align__(16) float tile_b[2][BK3][TILE3 + PAD3];  // tile_b[s][p][j] = op(B)(p0 + p, col0 + j)
        c += (long long)blockIdx.z * m * n;
        const int t = threadIdx.x, tx = t % 16, ty = t / 16;
        const int row0 = blockIdx.x * TILE3, col0 = blockIdx.y * TILE3;
        SliceLoader load_a(a + blockIdx.z * a_batch_stride, lda, !transpose_a, row0, m, t);
        SliceLoader load_b(b + blockIdx.z * b_batch_stride, ldb, transpose_b, col0, n, t);
        float next_a[4], next_b[4];
        float acc[8][8] = {};
        load_a.fetch(next_a, 0, k);
        load_b.fetch(next_b, 0, k);
        load_a.stage(tile_a[0], next_a);
        load_b.stage(tile_b[0], next_b);
        __syncthreads();
        const int slices = (k + BK3 - 1) / BK3;
        for (int slice = 0; slice < slices; ++slice) {
            const int s = slice % 2;
            if (slice + 1 < slices) {  // in flight while this slice is multiplied
                load_a.fetch(next_a, (slice + 1) * BK3, k);
                load_b.fetch(next_b, (slice + 1) * BK3, k);
            }
    #pragma unroll
            for (int p = 0; p < BK3; ++p) {
                float4 a0 = *(const float4*)&tile_a[s][p][4 * ty], a1 = *(const float4*)&tile_a[s][p][64 + 4 * ty];
                float4 b0 = *(const float4*)&tile_b[s][p][4 * tx], b1 = *(const float4*)&tile_b[s][p][64 + 4 * tx];
                float column[8] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
                float row[8] = {b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w};
    #pragma unroll
                for (int i = 0; i < 8; ++i)
    #pragma unroll
                    for (int j = 0; j < 8; ++j) acc[i][j] = fmaf(column[i], row[j], acc[i][j]);
            }
            // The other buffer was last read before the previous barrier, so it can be overwritten now.
            if (slice + 1 < slices) {
                load_a.stage(tile_a[1 - s], next_a);
                load_b.stage(tile_b[1 - s], next_b);
            }
            __syncthreads();
        }
        const bool aligned = n % 4 == 0 && (reinterpret_cast<unsigned long long>(c) & 15) == 0;
    #pragma unroll
        for (int i = 0; i < 8; ++i) {
            int row = row0 + (i < 4 ? 4 * ty + i : 64 + 4 * ty + i - 4);
            if (row >= m) continue;
    #pragma unroll
            for (int half = 0; half < 2; ++half) {
                int col = col0 + 64 * half + 4 * tx;
                float* out = c + (long long)row * n + col;
                if (aligned && col + 3 < n) {
                    *(float4*)out = make_float4(acc[i][4 * half], acc[i][4 * half + 1], acc[i][4 * half + 2],
                                                acc[i][4 * half + 3]);
                } else {
    #pragma unroll
                    for (int j = 0; j < 4; ++j)
                        if (col + j < n) out[j] = acc[i][4 * half + j];
                }
            }
        }
    }
    """#)
}
