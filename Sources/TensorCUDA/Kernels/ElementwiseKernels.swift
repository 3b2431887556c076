extension CUDAKernels {
    /// `Backend.unary`: the functions of `UnaryOp`, written as the CPU backend computes them.
    static let unary = CUDAKernel(name: "unary", source: #"""
    // out[i] = f(element i of view v of x), f chosen by op, with constants p0, p1 (UnaryOp).
    extern "C" __global__ void unary(int op, float p0, float p1, const float* x, View v, float* out,
                                     unsigned int n) {
        FOR_EACH_INDEX(i, n) {
            float a = x[view_index(v, i)];
            float y;
            switch (op) {
            case UNARY_AFFINE: y = a * p0 + p1; break;
            case UNARY_EXP: y = expf(a); break;
            case UNARY_LOG: y = logf(a); break;
            case UNARY_TANH: y = tanhf(a); break;
            case UNARY_SIGMOID: y = 1.0f / (1.0f + expf(-a)); break;
            case UNARY_RELU: y = a < 0.0f ? 0.0f : a; break;
            case UNARY_SQRT: y = sqrtf(a); break;
            case UNARY_SQUARE: y = a * a; break;
            case UNARY_POW: y = powf(a, p0); break;
            default: y = a < p0 ? p0 : (a > p1 ? p1 : a); break;  // UNARY_CLAMP, NaN stays NaN
            }
            out[i] = y;
        }
    }
    """#)

    /// `Backend.binary`: broadcast operands arrive as views with stride-0 axes.
    static let binary = CUDAKernel(name: "binary", source: #"""
    // out[i] = f(element i of view va of a, element i of view vb of b), f chosen by op (BinaryOp).
    extern "C" __global__ void binary(int op, float p0, float p1, const float* a, View va, const float* b,
                                      View vb, float* out, unsigned int n) {
        FOR_EACH_INDEX(i, n) {
            float x = a[view_index(va, i)], y = b[view_index(vb, i)];
            float z;
            switch (op) {
            case BINARY_ADD: z = x + y; break;
            case BINARY_SUBTRACT: z = x - y; break;
            case BINARY_MULTIPLY: z = x * y; break;
            case BINARY_DIVIDE: z = x / y; break;
            case BINARY_EQUAL: z = x == y ? 1.0f : 0.0f; break;
            case BINARY_TANH_BACKWARD: z = x * (1.0f - y * y); break;
            case BINARY_SIGMOID_BACKWARD: z = x * y * (1.0f - y); break;
            case BINARY_RELU_BACKWARD: z = y > 0.0f ? x : 0.0f; break;
            default: z = y >= p0 && y <= p1 ? x : 0.0f; break;  // BINARY_CLAMP_BACKWARD
            }
            out[i] = z;
        }
    }
    """#)

    /// `Backend.axpy`.
    static let axpy = CUDAKernel(name: "axpy", source: #"""
    // y[i] += alpha * (element i of view v of x), y contiguous (BLAS axpy, one rounding as an FMA).
    extern "C" __global__ void axpy(float alpha, const float* x, View v, float* y, unsigned int n) {
        FOR_EACH_INDEX(i, n) y[i] = fmaf(alpha, x[view_index(v, i)], y[i]);
    }
    """#)

    /// `Backend.adamStep`: the bias corrections arrive folded into `step_size` and
    /// `root_correction2`, computed on the host as the CPU backend computes them.
    static let adamStep = CUDAKernel(name: "adam_step", source: #"""
    // One Adam step on element i: both moments, then the parameter, reading each float once.
    extern "C" __global__ void adam_step(float* p, const float* g, float* m, float* v, unsigned int n,
                                         float beta1, float beta2, float step_size, float root_correction2,
                                         float epsilon) {
        FOR_EACH_INDEX(i, n) {
            float grad = g[i];
            float mi = beta1 * m[i] + (1.0f - beta1) * grad;
            float vi = beta2 * v[i] + (1.0f - beta2) * grad * grad;
            m[i] = mi;
            v[i] = vi;
            p[i] = p[i] - step_size * mi / (sqrtf(vi) / root_correction2 + epsilon);
        }
    }
    """#)
}
