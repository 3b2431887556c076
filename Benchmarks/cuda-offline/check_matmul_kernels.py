"""Checks the CUDA backend's SGEMM kernels without a GPU, before a GPU machine runs them:

1. extracts their C source from Sources/TensorCUDA/Kernels/MatmulKernels.swift (and
   `matrix_element` from Prelude.swift), compiles emulate_matmul.cpp around it with the
   host's C++ compiler and runs it: each kernel's index arithmetic on the CPU, threads
   and barriers included, against float64 products (see that file);
2. when NVRTC is found (NVRTC_LIBRARY, or python3's nvidia-cuda-nvrtc wheel), compiles
   the kernels for sm_90 with `-Xptxas -v` and prints each one's registers, spills and
   shared memory: a kernel that spills to local memory inside its loop is slow.

    python3 Benchmarks/cuda-offline/check_matmul_kernels.py [--cxx c++]
"""
import argparse
import ctypes
import glob
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
import textwrap

here = os.path.dirname(os.path.abspath(__file__))
kernels_folder = os.path.join(here, "..", "..", "Sources", "TensorCUDA", "Kernels")
parser = argparse.ArgumentParser()
parser.add_argument("--cxx", default=os.environ.get("CXX", "c++"), help="the C++20 compiler")
args = parser.parse_args()

swift = open(os.path.join(kernels_folder, "MatmulKernels.swift")).read()
prelude = open(os.path.join(kernels_folder, "Prelude.swift")).read()
element = re.search(r"    (__device__ __forceinline__ float matrix_element.*?\n    \})", prelude, re.S).group(1)
source = "\n".join([textwrap.dedent("    " + element)]
                   + [textwrap.dedent(m.group(1)) for m in re.finditer(r'source: #"""\n(.*?)\n\s*"""#', swift, re.S)])

with tempfile.TemporaryDirectory() as folder:
    include = os.path.join(folder, "kernels.inc")
    with open(include, "w") as f:
        f.write(source)
    program = os.path.join(folder, "emulate_matmul")
    subprocess.run([args.cxx, "-std=c++20", "-O2", "-pthread", f'-DKERNELS="{include}"',
                    os.path.join(here, "emulate_matmul.cpp"), "-o", program], check=True)
    emulated = subprocess.run([program]).returncode

library = os.environ.get("NVRTC_LIBRARY") or next(
    iter(sorted(glob.glob(os.path.join(sysconfig.get_paths()["purelib"], "nvidia", "cu13", "lib", "libnvrtc.so.*")))),
    None)
if not library:
    print("NVRTC not found (NVRTC_LIBRARY, or pip install nvidia-cuda-nvrtc): no resource report")
    sys.exit(emulated)
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
sys.exit(emulated or compiled)
