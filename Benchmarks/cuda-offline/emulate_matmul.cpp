// The SGEMM kernels of Sources/TensorCUDA/Kernels/MatmulKernels.swift, run on the CPU: a
// block's 256 threads are std::threads, __syncthreads() a std::barrier, and __shared__
// arrays statics (the blocks of a grid run one after another). Every kernel on every
// transpose, ragged sizes, a batch, padded rows and k = 0, against float64 products:
// within k·ε·(|A|·|B|)ij, as MatmulChecks allows on a GPU, and nothing written past C.
// Built and run by check_matmul_kernels.py, which extracts the kernels' C source; no GPU.
#include <barrier>
#include <cmath>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

struct Index3 { unsigned x = 0, y = 0, z = 0; };
thread_local Index3 threadIdx;
Index3 blockIdx;
struct alignas(16) float4 { float x, y, z, w; };
static inline float4 make_float4(float x, float y, float z, float w) { return {x, y, z, w}; }
std::barrier<>* block_barrier;
#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
#define __shared__ static
#define __syncthreads() block_barrier->arrive_and_wait()
#include KERNELS

using Kernel = void (*)(const float*, const float*, float*, int, int, int, int, int, long long, long long, long long,
                        long long);
struct Launch { const char* name; Kernel kernel; int tile; bool square_block; };

// op(A)·op(B) for `batch` A's (from offset 5, each its own) and one shared B; the number of
// elements outside the bound (or written past C).
int check(const Launch& launch, int m, int n, int k, int batch, bool ta, bool tb, int padding) {
    long long lda = (ta ? m : k) + padding, ldb = (tb ? k : n) + padding;
    long long a_size = (ta ? k : m) * lda, b_size = (tb ? n : k) * ldb;
    std::mt19937 generator(m * 7 + n * 13 + k + batch + ta * 2 + tb);
    std::uniform_real_distribution<float> uniform(-1, 1);
    std::vector<float> a(5 + batch * a_size), b(b_size), c(batch * (size_t)m * n + 4, NAN);
    for (auto& x : a) x = uniform(generator);
    for (auto& x : b) x = uniform(generator);
    std::barrier<> barrier(256);
    block_barrier = &barrier;
    for (int z = 0; z < batch; ++z)
        for (int x = 0; x < (m + launch.tile - 1) / launch.tile; ++x)
            for (int y = 0; y < (n + launch.tile - 1) / launch.tile; ++y) {
                blockIdx = {unsigned(x), unsigned(y), unsigned(z)};
                std::vector<std::thread> threads;
                for (int t = 0; t < 256; ++t)
                    threads.emplace_back([&, t] {
                        threadIdx = launch.square_block ? Index3{unsigned(t % 16), unsigned(t / 16)} : Index3{unsigned(t)};
                        launch.kernel(a.data() + 5, b.data(), c.data(), m, n, k, ta, tb, lda, ldb, a_size, 0);
                    });
                for (auto& thread : threads) thread.join();
            }
    int bad = 0;
    double worst = 0;
    for (int z = 0; z < batch; ++z)
        for (int i = 0; i < m; ++i)
            for (int j = 0; j < n; ++j) {
                const float* az = a.data() + 5 + z * a_size;
                double exact = 0, magnitude = 0;
                for (int p = 0; p < k; ++p) {
                    double x = ta ? az[p * lda + i] : az[i * lda + p], y = tb ? b[j * ldb + p] : b[p * ldb + j];
                    exact += x * y;
                    magnitude += std::fabs(x * y);
                }
                double ratio = std::fabs(c[(size_t)z * m * n + (size_t)i * n + j] - exact)
                    / (k * 1.1920928955078125e-7 * magnitude + 1e-30);
                if (!(ratio <= 1)) ++bad;
                if (!(ratio <= worst)) worst = ratio;
            }
    for (size_t e = (size_t)batch * m * n; e < c.size(); ++e) bad += !std::isnan(c[e]);
    std::printf("%-24s %s·%s m %3d n %3d k %3d batch %d%s: worst |Δ|/allowed %.3g %s\n", launch.name, ta ? "Aᵀ" : "A",
                tb ? "Bᵀ" : "B", m, n, k, batch, padding ? ", padded" : "", worst, bad ? "FAILED" : "ok");
    return bad;
}

int main() {
    const Launch launches[] = {{"sgemm1_tiled", sgemm1_tiled, 16, true},
                               {"sgemm2_register_blocked", sgemm2_register_blocked, 64, false},
                               {"sgemm3_double_buffered", sgemm3_double_buffered, 128, false}};
    struct Size { int m, n, k, batch, padding; };
    const Size sizes[] = {{67, 45, 130, 3, 0}, {300, 200, 513, 1, 7}, {129, 257, 9, 2, 0},
                          {128, 128, 8, 1, 0}, {256, 128, 17, 1, 3},  {1, 1, 1, 1, 0}, {5, 7, 0, 1, 0}};
    int failures = 0;
    for (const auto& launch : launches)
        for (const auto& s : sizes)
            for (int transposes = 0; transposes < 4; ++transposes)
                failures += check(launch, s.m, s.n, s.k, s.batch, transposes & 1, transposes & 2, s.padding) != 0;
    std::printf("%d of %zu products outside the bound\n", failures, std::size(launches) * std::size(sizes) * 4);
    return failures != 0;
}
