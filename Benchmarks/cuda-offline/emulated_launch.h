// What the emulated CUDA driver (emulated_driver.cpp) hands a kernel of a module that the
// emulated NVRTC (emulated_nvrtc.cpp) compiled, for each GPU thread it runs: the thread's
// coordinates, and the barriers it shares with its block and its warp. Both sides include
// this file, so that they agree on the layout.
#pragma once
#include <barrier>

namespace emulated {

// CUDA's dim3 and uint3.
struct Dim3 {
    unsigned int x, y, z;
};

// The lanes of one warp (32, fewer in a block's last warp when its size is not a multiple of
// 32): __shfl_xor_sync writes each lane's value here, waits for all, reads its partner's.
struct Warp {
    explicit Warp(int lanes) : barrier(lanes) {}
    std::barrier<> barrier;
    unsigned long long values[32];
};

// One GPU thread of a launch.
struct Thread {
    Dim3 threadIdx, blockIdx, blockDim, gridDim;
    std::barrier<>* block;  // every thread of the block: __syncthreads()
    Warp* warp;
    int lane;               // the thread's place in its warp
};

// What the emulated NVRTC adds to a module for each kernel NAME, as `NAME__emulated`, and
// cuModuleGetFunction returns: runs `thread` of the kernel, its parameters read from the
// array that cuLaunchKernel takes (a pointer to each parameter's value).
using Launcher = void (*)(void** parameters, const Thread& thread);

}  // namespace emulated
