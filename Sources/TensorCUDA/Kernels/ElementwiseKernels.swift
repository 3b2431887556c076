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
    extern "C" __global__ void binary(int op, const float* a, View va, const float* b, View vb, float* out,
                                      unsigned int n) {
        FOR_EACH_INDEX(i, n) {
            float x = a[view_index(va, i)], y = b[view_index(vb, i)];
            float z;
            switch (op) {
            case BINARY_ADD: z = x + y; break;
            case BINARY_SUBTRACT: z = x - y; break;
            case BINARY_MULTIPLY: z = x * y; break;
            case BINARY_DIVIDE: z = x / y; break;
            case BINARY_EQUAL: z = x == y ? 1.0f : 0.0f; break;
            default: z = x < y ? 1.0f : 0.0f; break;  // BINARY_LESS
            }
            out[i] = z;
        }
    }
    """#)

    /// `Backend.activationBackward`: the gradient and what the rule keeps arrive as views.
    static let activationBackward = CUDAKernel(name: "activation_backward", source: #"""
    // out[i] = gradient g (view vg) through activation op at element i, given s (view vs): the
    // output of tanh and sigmoid, the input of relu, clamp and square (ActivationOp; clamp's bounds p0, p1).
    extern "C" __global__ void activation_backward(int op, float p0, float p1, const float* g, View vg,
                                                   const float* s, View vs, float* out, unsigned int n) {
        FOR_EACH_INDEX(i, n) {
            float x = g[view_index(vg, i)], y = s[view_index(vs, i)];
            float z;
            switch (op) {
            case ACTIVATION_TANH: z = x * (1.0f - y * y); break;
            case ACTIVATION_SIGMOID: z = x * y * (1.0f - y); break;
            case ACTIVATION_RELU: z = y > 0.0f ? x : 0.0f; break;
            case ACTIVATION_SQUARE: z = x * y * 2.0f; break;
            default: z = y >= p0 && y <= p1 ? x : 0.0f; break;  // ACTIVATION_CLAMP
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

    /// `Backend.adamStep` (Adam, and AdamW's decoupled decay): the bias corrections and
    /// the decay arrive as constants worked out on the host, as `CPUBackend` works them
    /// out; the FMAs are where the CPU's are, and stored values are flushed as it flushes.
    static let adamStep = CUDAKernel(name: "adam_step", source: #"""
    // One Adam step on element i: L2 (l2) or decoupled (shrink) decay, both moments, then the
    // parameter, reading each float once.
    extern "C" __global__ void adam_step(float* p, const float* g, float* m, float* v, unsigned int n,
                                         float one_minus_beta1, float beta2, float one_minus_beta2, float step_size,
                                         float root_correction2, float epsilon, float l2, float shrink) {
        FOR_EACH_INDEX(i, n) {
            float decayed = p[i] * shrink;
            float grad = fmaf(l2, decayed, g[i]);
            float mi = flushed(fmaf(one_minus_beta1, grad - m[i], m[i]));
            float vi = flushed(fmaf(one_minus_beta2, grad * grad, v[i] * beta2));
            m[i] = mi;
            v[i] = vi;
            p[i] = flushed(decayed - step_size * (mi / (sqrtf(vi < 0.0f ? 0.0f : vi) / root_correction2 + epsilon)));
        }
    }
    """#)

    /// `Backend.sgdStep`.
    static let sgdStep = CUDAKernel(name: "sgd_step", source: #"""
    // One SGD step on element i (torch.optim.SGD, dampening 0): L2 decay, then momentum through
    // `buffer` (unused when momentum is 0), Nesterov's look-ahead if asked, then the parameter.
    extern "C" __global__ void sgd_step(float* p, const float* g, float* buffer, unsigned int n,
                                        float learning_rate, float momentum, float weight_decay, int nesterov) {
        FOR_EACH_INDEX(i, n) {
            float direction = fmaf(weight_decay, p[i], g[i]);
            if (momentum != 0.0f) {
                float b = flushed(buffer[i] * momentum + direction);
                buffer[i] = b;
                direction = nesterov ? fmaf(momentum, b, direction) : b;
            }
            p[i] = flushed(fmaf(-learning_rate, direction, p[i]));
        }
    }
    """#)
}
