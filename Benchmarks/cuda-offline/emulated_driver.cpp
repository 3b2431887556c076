// A stand-in for the CUDA driver (libcuda.so.1) whose GPU is the CPU: one device, device
// memory is host memory (a CUdeviceptr is the host address), a module is the shared
// library that emulated_nvrtc.cpp compiled, and a launch runs every GPU thread of the grid
// as a CPU thread. Everything is synchronous: a launch returns when its grid has run.
// Loaded by the CUDA backend through CUDA_DRIVER_LIBRARY; the functions below are those
// Sources/TensorCUDA/Driver/CUDADriver.swift looks up, with cuda.h's C signatures.
#include <dlfcn.h>
#include <elf.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "emulated_launch.h"

namespace {

// CUresult values (cuda.h) that this driver returns.
enum : int {
    CUDA_SUCCESS = 0,
    CUDA_ERROR_INVALID_VALUE = 1,
    CUDA_ERROR_OUT_OF_MEMORY = 2,
    CUDA_ERROR_INVALID_DEVICE = 101,
    CUDA_ERROR_INVALID_IMAGE = 200,
    CUDA_ERROR_INVALID_HANDLE = 400,
    CUDA_ERROR_NOT_FOUND = 500,
};

// The multiprocessors reported, $CUDA_EMULATOR_MULTIPROCESSORS (default 1): the backend
// launches up to 32 blocks of 256 threads per multiprocessor for its grid-stride loops, and
// chooses SGEMM kernel 3 over 2 when a product has at least this many 128×128 tiles. With 1,
// the checks' larger tensors (10000 floats) take a thread more than one turn of its loop.
int multiprocessors() {
    const char* value = std::getenv("CUDA_EMULATOR_MULTIPROCESSORS");
    return value ? std::max(1, std::atoi(value)) : 1;
}

// The emulated GPU: a pool of CPU threads, worker t running thread t of each block of a
// launch in turn. All threads of a block run at once, so that barriers work; the blocks run
// one after another (a barrier at the end of each), so that a block has __shared__ memory
// to itself (see cuda_device.h).
class Pool {
public:
    void run(emulated::Launcher kernel, void** parameters, emulated::Dim3 grid, emulated::Dim3 block) {
        std::lock_guard one_at_a_time(launches_);  // as on one stream, whichever thread launches
        const int threads = block.x * block.y * block.z;
        std::barrier<> barrier(threads);
        std::vector<std::unique_ptr<emulated::Warp>> warps;
        for (int first = 0; first < threads; first += 32)
            warps.push_back(std::make_unique<emulated::Warp>(std::min(32, threads - first)));
        std::unique_lock lock(mutex_);
        // Workers are never joined (the process exits with them waiting).
        for (int t = workers_; t < threads; ++t) std::thread(&Pool::work, this, t).detach();
        workers_ = std::max(workers_, threads);
        launch_ = {kernel, parameters, grid, block, threads, &barrier, &warps};
        running_ = threads;
        ++generation_;
        wake_.notify_all();
        done_.wait(lock, [&] { return running_ == 0; });
    }

private:
    struct Launch {
        emulated::Launcher kernel;
        void** parameters;
        emulated::Dim3 grid, block;
        int threads;
        std::barrier<>* barrier;
        std::vector<std::unique_ptr<emulated::Warp>>* warps;
    };

    // Worker t: waits for a launch, runs its thread t (when the blocks have that many) in
    // every block, says when done, waits for the next.
    void work(int t) {
        std::uint64_t seen = 0;
        for (;;) {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return generation_ != seen; });
            seen = generation_;
            const Launch launch = launch_;
            lock.unlock();
            if (t >= launch.threads) continue;
            run_thread(launch, t);
            lock.lock();
            if (--running_ == 0) done_.notify_one();
        }
    }

    static void run_thread(const Launch& launch, int t) {
        const emulated::Dim3 block = launch.block, grid = launch.grid;
        emulated::Thread thread{};
        thread.threadIdx = {t % block.x, t / block.x % block.y, t / (block.x * block.y)};
        thread.blockDim = block;
        thread.gridDim = grid;
        thread.block = launch.barrier;
        thread.warp = (*launch.warps)[t / 32].get();
        thread.lane = t % 32;
        for (unsigned z = 0; z < grid.z; ++z)
            for (unsigned y = 0; y < grid.y; ++y)
                for (unsigned x = 0; x < grid.x; ++x) {
                    thread.blockIdx = {x, y, z};
                    launch.kernel(launch.parameters, thread);
                    launch.barrier->arrive_and_wait();  // the whole block is done with its shared memory
                }
    }

    std::mutex launches_, mutex_;
    std::condition_variable wake_, done_;
    int workers_ = 0, running_ = 0;
    std::uint64_t generation_ = 0;
    Launch launch_{};
};

// Never destroyed: its workers outlive main.
Pool& pool = *new Pool;

// The size of the ELF file at `image`: its section headers come last.
size_t elf_size(const void* image) {
    const auto* header = static_cast<const Elf64_Ehdr*>(image);
    return header->e_shoff + size_t(header->e_shnum) * header->e_shentsize;
}

char context;  // the primary context's handle: any address will do

}  // namespace

extern "C" {

int cuInit(unsigned int) { return CUDA_SUCCESS; }

int cuDriverGetVersion(int* version) {
    *version = 13000;  // CUDA 13.0
    return CUDA_SUCCESS;
}

int cuDeviceGetCount(int* count) {
    *count = 1;
    return CUDA_SUCCESS;
}

int cuDeviceGet(int* device, int ordinal) {
    if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE;
    *device = 0;
    return CUDA_SUCCESS;
}

int cuDeviceGetName(char* name, int length, int device) {
    if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
    std::snprintf(name, length, "Emulated GPU (CPU threads)");
    return CUDA_SUCCESS;
}

// Compute capability 9.0 (Hopper), and multiprocessors().
int cuDeviceGetAttribute(int* value, int attribute, int device) {
    if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
    switch (attribute) {
    case 16: *value = multiprocessors(); return CUDA_SUCCESS;  // CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT
    case 75: *value = 9; return CUDA_SUCCESS;                // COMPUTE_CAPABILITY_MAJOR
    case 76: *value = 0; return CUDA_SUCCESS;                // COMPUTE_CAPABILITY_MINOR
    default: return CUDA_ERROR_INVALID_VALUE;
    }
}

int cuDevicePrimaryCtxRetain(void** result, int device) {
    if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
    *result = &context;
    return CUDA_SUCCESS;
}

int cuCtxSetCurrent(void*) { return CUDA_SUCCESS; }
int cuCtxSynchronize() { return CUDA_SUCCESS; }

// Loads the shared library whose bytes `image` holds (from the emulated NVRTC): written to
// an anonymous file (memfd), opened through /proc. The module's handle is dlopen's.
int cuModuleLoadData(void** module, const void* image) {
    if (std::memcmp(image, ELFMAG, SELFMAG) != 0) return CUDA_ERROR_INVALID_IMAGE;
    const int file = memfd_create("cuda-emulated-module", 0);
    const size_t size = elf_size(image);
    if (file < 0 || write(file, image, size) != ssize_t(size)) return CUDA_ERROR_INVALID_IMAGE;
    // The file stays open, as the module stays loaded: a sanitizer's report reads the
    // module's symbols from its path.
    const std::string path = "/proc/self/fd/" + std::to_string(file);
    *module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!*module) {
        std::fprintf(stderr, "cuda emulator: %s\n", dlerror());
        return CUDA_ERROR_INVALID_IMAGE;
    }
    return CUDA_SUCCESS;
}

// A kernel's handle is its launcher, NAME__emulated (see emulated_launch.h).
int cuModuleGetFunction(void** function, void* module, const char* name) {
    if (!module) return CUDA_ERROR_INVALID_HANDLE;
    *function = dlsym(module, (std::string(name) + "__emulated").c_str());
    return *function ? CUDA_SUCCESS : CUDA_ERROR_NOT_FOUND;
}

// Aligned as cuMemAlloc aligns (256 bytes), but exactly `bytes` long, so that a kernel
// compiled with -fsanitize=address reports an access past the end. Device memory is not
// cleared on a GPU; here it starts as NaNs (all bits set), so that a kernel reading what
// nothing wrote gives itself away.
int cuMemAlloc_v2(std::uint64_t* pointer, size_t bytes) {
    if (bytes == 0) return CUDA_ERROR_INVALID_VALUE;
    void* memory = nullptr;
    if (posix_memalign(&memory, 256, bytes) != 0) return CUDA_ERROR_OUT_OF_MEMORY;
    std::memset(memory, 0xff, bytes);
    *pointer = reinterpret_cast<std::uint64_t>(memory);
    return CUDA_SUCCESS;
}

int cuMemFree_v2(std::uint64_t pointer) {
    std::free(reinterpret_cast<void*>(pointer));
    return CUDA_SUCCESS;
}

int cuMemcpyHtoD_v2(std::uint64_t device, const void* host, size_t bytes) {
    std::memcpy(reinterpret_cast<void*>(device), host, bytes);
    return CUDA_SUCCESS;
}

int cuMemcpyDtoH_v2(void* host, std::uint64_t device, size_t bytes) {
    std::memcpy(host, reinterpret_cast<const void*>(device), bytes);
    return CUDA_SUCCESS;
}

// Runs the grid before returning. Refuses what a GPU refuses (empty or oversized grids and
// blocks), and what is not emulated: dynamic shared memory, streams, `extra` parameters.
int cuLaunchKernel(void* function, unsigned int grid_x, unsigned int grid_y, unsigned int grid_z,
                   unsigned int block_x, unsigned int block_y, unsigned int block_z, unsigned int shared_bytes,
                   void* stream, void** parameters, void** extra) {
    if (!function) return CUDA_ERROR_INVALID_HANDLE;
    const bool grid_fits = grid_x >= 1 && grid_x < (1u << 31) && grid_y >= 1 && grid_y <= 65535 && grid_z >= 1
        && grid_z <= 65535;
    const bool block_fits = block_x >= 1 && block_y >= 1 && block_z >= 1 && block_x <= 1024 && block_y <= 1024
        && block_z <= 64 && block_x * block_y * block_z <= 1024;
    if (!grid_fits || !block_fits || shared_bytes != 0 || stream || extra) return CUDA_ERROR_INVALID_VALUE;
    pool.run(reinterpret_cast<emulated::Launcher>(function), parameters, {grid_x, grid_y, grid_z},
             {block_x, block_y, block_z});
    return CUDA_SUCCESS;
}

// The names and descriptions of the errors above.
struct ErrorText {
    int code;
    const char* name;
    const char* message;
};
constexpr ErrorText error_texts[] = {
    {CUDA_SUCCESS, "CUDA_SUCCESS", "no error"},
    {CUDA_ERROR_INVALID_VALUE, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {CUDA_ERROR_OUT_OF_MEMORY, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"},
    {CUDA_ERROR_INVALID_DEVICE, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"},
    {CUDA_ERROR_INVALID_IMAGE, "CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"},
    {CUDA_ERROR_INVALID_HANDLE, "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"},
    {CUDA_ERROR_NOT_FOUND, "CUDA_ERROR_NOT_FOUND", "named symbol not found"},
};

int cuGetErrorName(int error, const char** name) {
    for (const ErrorText& text : error_texts)
        if (text.code == error) return *name = text.name, CUDA_SUCCESS;
    *name = nullptr;
    return CUDA_ERROR_INVALID_VALUE;
}

int cuGetErrorString(int error, const char** message) {
    for (const ErrorText& text : error_texts)
        if (text.code == error) return *message = text.message, CUDA_SUCCESS;
    *message = nullptr;
    return CUDA_ERROR_INVALID_VALUE;
}

}  // extern "C"
