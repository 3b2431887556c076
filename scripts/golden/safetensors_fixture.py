"""Writes a small safetensors file with Python's reference implementation.

Tests/ToolkitTests/SafeTensorsPythonTests.swift loads it and checks every bit, and
checks that Swift writes the same tensors to the same bytes. The committed copy is
Tests/ToolkitTests/Fixtures/python.safetensors; the tests also rerun this script
when python3 has the packages.

Usage: python3 scripts/golden/safetensors_fixture.py [OUTPUT]
Needs: pip install safetensors numpy
"""
import sys

import numpy as np
from safetensors.numpy import save_file


def float32_bits(*patterns):
    """float32 values with exactly these bit patterns (NaN payloads included)."""
    return np.array(patterns, dtype=np.uint32).view(np.float32)


TENSORS = {
    "embedding.weight": np.arange(6, dtype=np.float32).reshape(2, 3) / 4 - 0.5,
    # NaN with payload 1, -inf, -0.0, the smallest subnormal, the largest float.
    "specials": float32_bits(0x7FC00001, 0xFF800000, 0x80000000, 0x00000001, 0x7F7FFFFF),
    "scalar": np.array(3.5, dtype=np.float32),
    "empty": np.zeros((0, 3), dtype=np.float32),
    "indices": np.array([[0, -1], [2**40, 7]], dtype=np.int64),
    "counts": np.array([1, -2, 2**31 - 1], dtype=np.int32),
    "double": np.array([0.1, -1e300], dtype=np.float64),
}

if __name__ == "__main__":
    output = sys.argv[1] if len(sys.argv) > 1 else "Tests/ToolkitTests/Fixtures/python.safetensors"
    # One metadata key: the reference keeps metadata in a hash map, so with several keys
    # their order in the file (and the bytes) would change from run to run.
    save_file(TENSORS, output, metadata={"epoch": "3"})
