"""Writes the validation indices fastai 0.7's get_cv_idxs picks, as fixtures for
Tests/ToolkitTests/ValidationIndicesTests.swift:

- cv_idxs_100004_0.2_42.txt: MovieLens latest-small (n = 100004, val_pct = 0.2,
  seed = 42), one index a line;
- cv_idxs_small.txt: small cases, one a line: `n val_pct seed: indices...`
  (0.29 * 100 is 28.999999999999996, so int() keeps 28).

    python3 scripts/golden/cv_idxs.py

get_cv_idxs below is fastai 0.7's (fastai/dataset.py), verbatim but for spacing.
"""
import pathlib

import numpy as np


def get_cv_idxs(n, cv_idx=0, val_pct=0.2, seed=42):
    np.random.seed(seed)
    n_val = int(val_pct * n)
    idx_start = cv_idx * n_val
    idxs = np.random.permutation(n)
    return idxs[idx_start:idx_start + n_val]


fixtures = pathlib.Path(__file__).resolve().parents[2] / "Tests/ToolkitTests/Fixtures"
idxs = get_cv_idxs(100004)
(fixtures / "cv_idxs_100004_0.2_42.txt").write_text("".join(f"{i}\n" for i in idxs))
print(f"wrote {len(idxs)} indices to cv_idxs_100004_0.2_42.txt")

small = [(0, 0.2, 42), (1, 1.0, 42), (10, 0.3, 0), (10, 0.2, 42), (100, 0.29, 7), (1000, 0.1, 123456789)]
(fixtures / "cv_idxs_small.txt").write_text("".join(
    f"{n} {val_pct!r} {seed}: {' '.join(str(i) for i in get_cv_idxs(n, val_pct=val_pct, seed=seed))}\n"
    for n, val_pct, seed in small))
print(f"wrote {len(small)} cases to cv_idxs_small.txt")
