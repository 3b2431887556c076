// CUDA C device code compiled as C++ for the CPU. The emulated NVRTC (emulated_nvrtc.cpp)
// includes this file before the backend's module, and ends the module with an
// EMULATED_LAUNCHER(NAME) for each kernel. Each GPU thread runs as a CPU thread (see
// emulated_driver.cpp), so what CUDA gives a thread implicitly (threadIdx, …) is a
// thread_local here, set before each call, and __syncthreads() a barrier of the block's
// threads. Only what the backend's kernels use is here.
#pragma once
#include <math.h>  // expf, logf, tanhf, powf, sqrtf, fabsf, fmaf: the host's, in the global namespace

#include <atomic>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <utility>

#include "emulated_launch.h"

// Qualifiers the host compiler has no use for.
#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
// Shared memory: one variable for the whole block. The driver runs the blocks of a launch one
// after another, so a static is each block's own in turn (never zeroed, as on a GPU). This
// holds for a __shared__ array inside a __device__ function too (the prelude's block_reduce).
#define __shared__ static

inline thread_local emulated::Dim3 threadIdx, blockIdx, blockDim, gridDim;

namespace emulated {
inline thread_local const Thread* current;  // the thread this CPU thread is running now
}

struct alignas(16) float4 {
    float x, y, z, w;
};
inline float4 make_float4(float x, float y, float z, float w) { return {x, y, z, w}; }

inline float __int_as_float(int x) { return std::bit_cast<float>(x); }
inline int __float_as_int(float x) { return std::bit_cast<int>(x); }

inline float atomicAdd(float* address, float value) { return std::atomic_ref<float>(*address).fetch_add(value); }

inline void __syncthreads() { emulated::current->block->arrive_and_wait(); }

// `value` of lane (this lane ^ lane_mask). Every lane of the warp must call it, as the
// backend's kernels do (mask 0xffffffff): each writes its value, all wait, each reads its
// partner's, all wait again before the buffer can be written anew.
template <typename T>
T __shfl_xor_sync(unsigned int mask, T value, int lane_mask) {
    static_assert(sizeof(T) <= sizeof(unsigned long long) && std::is_trivially_copyable_v<T>);
    if (mask != 0xffffffffu) {
        std::fprintf(stderr, "cuda emulator: __shfl_xor_sync with mask %#x; only whole warps are emulated\n", mask);
        std::abort();
    }
    emulated::Warp& warp = *emulated::current->warp;
    std::memcpy(&warp.values[emulated::current->lane], &value, sizeof(T));
    warp.barrier.arrive_and_wait();
    std::memcpy(&value, &warp.values[emulated::current->lane ^ lane_mask], sizeof(T));
    warp.barrier.arrive_and_wait();
    return value;
}

namespace emulated {
// Runs `thread` of `kernel`: its coordinates in the thread_locals, then the kernel, each
// parameter read as the kernel's own type from the array of pointers cuLaunchKernel takes.
template <typename... Parameters>
void run(void (*kernel)(Parameters...), void** parameters, const Thread& thread) {
    current = &thread;
    threadIdx = thread.threadIdx;
    blockIdx = thread.blockIdx;
    blockDim = thread.blockDim;
    gridDim = thread.gridDim;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        kernel(*static_cast<std::remove_cvref_t<Parameters>*>(parameters[I])...);
    }(std::index_sequence_for<Parameters...>{});
}
}  // namespace emulated

// The entry point of kernel `name` for the driver (see emulated::Launcher).
#define EMULATED_LAUNCHER(name)                                                      \
    extern "C" void name##__emulated(void** parameters, const emulated::Thread& thread) { \
        emulated::run(name, parameters, thread);                                     \
    }
