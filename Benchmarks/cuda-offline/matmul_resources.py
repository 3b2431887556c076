"""The registers, spills and shared memory of the CUDA backend's SGEMM kernels, as NVRTC's
`-Xptxas -v` reports them for sm_90 (Hopper), without a GPU: a kernel that spills to
local memory inside its loop is slow, and one that needs more than 128 registers a thread
runs a single block of 256 threads per multiprocessor. (`run_cuda_check.sh` checks that
the kernels compute the right products.)

Needs NVRTC: NVRTC_LIBRARY, or python3's nvidia-cuda-nvrtc wheel.

    python3 Benchmarks/cuda-offline/matmul_resources.py
"""
import ctypes
import glob
import os
import re
import sys
import sysconfig
import textwrap

here = os.path.dirname(os.path.abspath(__file__))
kernels_folder = os.path.join(here, "..", "..", "Sources", "TensorCUDA", "Kernels")
swift = open(os.path.join(kernels_folder, "MatmulKernels.swift")).read()
prelude = open(os.path.join(kernels_folder, "Prelude.swift")).read()
element = re.search(r"    (__device__ __forceinline__ float matrix_element.*?\n    \})", prelude, re.S).group(1)
source = "\n".join([textwrap.dedent("    " + element)]
                   + [textwrap.dedent(m.group(1)) for m in re.finditer(r'source: #"""\n(.*?)\n\s*"""#', swift, re.S)])

library = os.environ.get("NVRTC_LIBRARY") or next(
    iter(sorted(glob.glob(os.path.join(sysconfig.get_paths()["purelib"], "nvidia", "cu13", "lib", "libnvrtc.so.*")))),
    None)
if not library:
    sys.exit("NVRTC not found: set NVRTC_LIBRARY, or pip install nvidia-cuda-nvrtc")
for builtins in glob.glob(os.path.join(os.path.dirname(library), "libnvrtc-builtins.so.*")):
    ctypes.CDLL(builtins, mode=ctypes.RTLD_GLOBAL)  # libnvrtc opens it by bare name otherwise
nvrtc = ctypes.CDLL(library)
program = ctypes.c_void_p()
assert nvrtc.nvrtcCreateProgram(ctypes.byref(program), source.encode(), b"matmul.cu", 0, None, None) == 0
options = [b"--gpu-architecture=sm_90", b"--fmad=false", b"-Xptxas", b"-v"]
compiled = nvrtc.nvrtcCompileProgram(program, len(options), (ctypes.c_char_p * len(options))(*options))
size = ctypes.c_size_t()
nvrtc.nvrtcGetProgramLogSize(program, ctypes.byref(size))
log = ctypes.create_string_buffer(size.value)
nvrtc.nvrtcGetProgramLog(program, log)
print("\n".join(line for line in log.value.decode().splitlines()
                if re.search(r"entry function|spill|registers", line)))
sys.exit(compiled)
