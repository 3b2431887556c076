// A stand-in for NVRTC (libnvrtc.so) that compiles CUDA C for the CPU: the source, after
// `#include "cuda_device.h"` and followed by a launcher for each `extern "C" __global__`
// kernel, goes to the host's C++ compiler as a shared library, whose bytes are the "CUBIN"
// (an ELF file, as a real one is); emulated_driver.cpp loads it. Loaded by the CUDA backend
// through NVRTC_LIBRARY; the functions below are those Sources/TensorCUDA/Driver/NVRTC.swift
// looks up, with NVRTC's C signatures.
//
// Built by run_cuda_check.sh with -DDEVICE_HEADER="/path/to/cuda_device.h". The compiler is
// $CUDA_EMULATOR_CXX (default c++); $CUDA_EMULATOR_CXXFLAGS adds flags (-g -fsanitize=address).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

namespace {

// nvrtcResult values (nvrtc.h).
enum : int {
    NVRTC_SUCCESS = 0,
    NVRTC_ERROR_INVALID_INPUT = 3,
    NVRTC_ERROR_INVALID_PROGRAM = 5,
    NVRTC_ERROR_COMPILATION = 6,
};

struct Program {
    std::string source, name, log, image;
};

std::string read(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), {}};
}

// The module as C++: the device emulation, the source (its lines numbered as in `name`, for
// the compiler's messages), then EMULATED_LAUNCHER(NAME) for each kernel. A kernel is
// `extern "C" __global__ void NAME(`, with maybe `__launch_bounds__(…)` before NAME.
std::string emulated_module(const std::string& source, const std::string& name) {
    std::string module = "#include \"" DEVICE_HEADER "\"\n#line 1 \"" + name + "\"\n" + source + "\n";
    static const std::regex kernel(R"(extern\s+"C"\s+__global__\s+void\s+(?:__launch_bounds__\s*\([^)]*\)\s*)?(\w+)\s*\()");
    for (std::sregex_iterator match(source.begin(), source.end(), kernel), end; match != end; ++match)
        module += "EMULATED_LAUNCHER(" + (*match)[1].str() + ")\n";
    return module;
}

}  // namespace

extern "C" {

const char* nvrtcGetErrorString(int result) {
    switch (result) {
    case NVRTC_SUCCESS: return "NVRTC_SUCCESS";
    case NVRTC_ERROR_INVALID_INPUT: return "NVRTC_ERROR_INVALID_INPUT";
    case NVRTC_ERROR_INVALID_PROGRAM: return "NVRTC_ERROR_INVALID_PROGRAM";
    case NVRTC_ERROR_COMPILATION: return "NVRTC_ERROR_COMPILATION";
    default: return "NVRTC_ERROR (emulated NVRTC)";
    }
}

int nvrtcVersion(int* major, int* minor) {
    *major = 13;
    *minor = 0;
    return NVRTC_SUCCESS;
}

// The sm_XY it "targets": any, since the code is the CPU's; these are CUDA 13's.
static const int supported_architectures[] = {75, 80, 86, 87, 89, 90, 100, 120};

int nvrtcGetNumSupportedArchs(int* count) {
    *count = std::size(supported_architectures);
    return NVRTC_SUCCESS;
}

int nvrtcGetSupportedArchs(int* architectures) {
    std::copy(std::begin(supported_architectures), std::end(supported_architectures), architectures);
    return NVRTC_SUCCESS;
}

// Headers passed by the caller are not supported (the backend's module has none).
int nvrtcCreateProgram(Program** program, const char* source, const char* name, int header_count,
                       const char* const*, const char* const*) {
    if (!program || !source || header_count != 0) return NVRTC_ERROR_INVALID_INPUT;
    *program = new Program{source, name ? name : "default_program", "", ""};
    return NVRTC_SUCCESS;
}

int nvrtcDestroyProgram(Program** program) {
    if (!program || !*program) return NVRTC_ERROR_INVALID_PROGRAM;
    delete *program;
    *program = nullptr;
    return NVRTC_SUCCESS;
}

// Compiles the module with the host compiler in a fresh temporary folder ($TMPDIR or /tmp),
// removed after. The options (architecture, --fmad=false, --std) are not passed on: the module is always
// compiled as C++20 with -ffp-contract=off, so that no a*b + c is fused unless written as
// fmaf, which is what --fmad=false asks of NVRTC (the backend always passes it).
int nvrtcCompileProgram(Program* program, int, const char* const*) {
    if (!program) return NVRTC_ERROR_INVALID_PROGRAM;
    std::string pattern = (std::filesystem::temp_directory_path() / "cuda-emulator-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return NVRTC_ERROR_INVALID_INPUT;
    const std::filesystem::path folder = pattern;
    std::ofstream(folder / "module.cpp") << emulated_module(program->source, program->name);
    const char* compiler = std::getenv("CUDA_EMULATOR_CXX");
    const char* flags = std::getenv("CUDA_EMULATOR_CXXFLAGS");
    const std::string command = std::string(compiler ? compiler : "c++")
        + " -std=c++20 -O2 -shared -fPIC -pthread -ffp-contract=off -Wno-unknown-pragmas " + (flags ? flags : "")
        + " -o '" + (folder / "module.so").string() + "' '" + (folder / "module.cpp").string() + "' > '"
        + (folder / "log").string() + "' 2>&1";
    const int status = std::system(command.c_str());
    program->log = read(folder / "log");
    program->image = status == 0 ? read(folder / "module.so") : "";
    if (status != 0) program->log = "emulated NVRTC: `" + command + "` failed:\n" + program->log;
    std::filesystem::remove_all(folder);
    return status == 0 ? NVRTC_SUCCESS : NVRTC_ERROR_COMPILATION;
}

// Sizes count the terminating NUL, as NVRTC's do.
int nvrtcGetProgramLogSize(Program* program, size_t* size) {
    if (!program) return NVRTC_ERROR_INVALID_PROGRAM;
    *size = program->log.size() + 1;
    return NVRTC_SUCCESS;
}

int nvrtcGetProgramLog(Program* program, char* log) {
    if (!program) return NVRTC_ERROR_INVALID_PROGRAM;
    std::memcpy(log, program->log.c_str(), program->log.size() + 1);
    return NVRTC_SUCCESS;
}

// The compiled code, whether asked for as a CUBIN or as PTX: the same shared library.
int nvrtcGetCUBINSize(Program* program, size_t* size) {
    if (!program || program->image.empty()) return NVRTC_ERROR_INVALID_PROGRAM;
    *size = program->image.size();
    return NVRTC_SUCCESS;
}

int nvrtcGetCUBIN(Program* program, char* image) {
    if (!program || program->image.empty()) return NVRTC_ERROR_INVALID_PROGRAM;
    std::memcpy(image, program->image.data(), program->image.size());
    return NVRTC_SUCCESS;
}

int nvrtcGetPTXSize(Program* program, size_t* size) { return nvrtcGetCUBINSize(program, size); }
int nvrtcGetPTX(Program* program, char* ptx) { return nvrtcGetCUBIN(program, ptx); }

}  // extern "C"
