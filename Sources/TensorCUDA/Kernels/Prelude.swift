extension CUDAKernels {
    /// What every kernel shares: the strided `View` of a tensor, the operation codes, the
    /// grid-stride loop, matrix element access and the block-wide reductions.
    public static let prelude = #"""
    // ---- Prelude: shared by every kernel of the Lesson6 CUDA backend. ----
    #define THREADS \#(threadsPerBlock)
    #define MAX_RANK 8
    #define NEG_INFINITY __int_as_float(0xff800000)

    \#(cEnum(UnaryCode.self, prefix: "UNARY"))
    \#(cEnum(BinaryCode.self, prefix: "BINARY"))
    \#(cEnum(ActivationCode.self, prefix: "ACTIVATION"))
    \#(cEnum(ReduceCode.self, prefix: "REDUCE"))

    // A strided view of a tensor (Swift's Layout) with its mergeable axes merged: element i,
    // counted in row-major order over shape, sits at offset + sum of index[axis] * strides[axis].
    struct View {
        long long offset;
        long long strides[MAX_RANK];
        unsigned int shape[MAX_RANK];
        int rank;
    };

    // Where element i of view v sits in its storage.
    __device__ __forceinline__ long long view_index(const View& v, unsigned int i) {
        long long index = v.offset;
        for (int axis = v.rank - 1; axis > 0; --axis) {
            index += (long long)(i % v.shape[axis]) * v.strides[axis];
            i /= v.shape[axis];
        }
        return index + (long long)i * v.strides[0];
    }

    // Every index below n, spread over the whole grid (a grid-stride loop).
    #define FOR_EACH_INDEX(i, n) \
        for (unsigned int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += gridDim.x * blockDim.x)

    // The larger of a and b, NaN if either is NaN, as the CPU backend's max (fmaxf drops NaN).
    __device__ __forceinline__ float max_with_nan(float a, float b) {
        if (a != a) return a;
        if (b != b) return b;
        return a > b ? a : b;
    }

    // Element (i, p) of op(X), X row-major with leading dimension ld: X[i][p], or X[p][i] if transposed.
    __device__ __forceinline__ float matrix_element(const float* x, int transposed, long long ld, int i, int p) {
        return transposed ? x[(long long)p * ld + i] : x[(long long)i * ld + p];
    }

    // x with a subnormal value (0 < |x| < 2^-126) set to 0: how the CPU backend stores optimizer state.
    __device__ __forceinline__ float flushed(float x) {
        return fabsf(x) < __int_as_float(0x00800000) ? 0.0f : x;
    }

    struct Sum {
        __device__ float operator()(float a, float b) const { return a + b; }
    };
    struct Max {
        __device__ float operator()(float a, float b) const { return max_with_nan(a, b); }
    };

    // `value` of every thread of the block combined (sum or max), returned to every thread:
    // within each warp by shuffles, then across the warps' results through shared memory.
    template <typename Combine>
    __device__ float block_reduce(float value, Combine combine) {
        __shared__ float partial[THREADS / 32];
        for (int offset = 16; offset > 0; offset /= 2)
            value = combine(value, __shfl_xor_sync(0xffffffff, value, offset));
        __syncthreads();  // an earlier call's threads may still read `partial`
        if (threadIdx.x % 32 == 0) partial[threadIdx.x / 32] = value;
        __syncthreads();
        value = partial[0];
        for (int w = 1; w < THREADS / 32; ++w) value = combine(value, partial[w]);
        return value;
    }
    """#
}
