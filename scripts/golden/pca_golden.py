#!/usr/bin/env python3
"""Golden values for Tests/ToolkitTests/PCATests.swift, computed by NumPy's SVD.

scikit-learn's PCA, written out (scikit-learn need not be installed): centre the columns,
X = U·S·Vᵀ, components_ = the first rows of Vᵀ with each row's entry of largest magnitude
made positive (svd_flip with u_based_decision=False), explained_variance_ = S²/(n − 1).
Two data sets: more samples than features (the covariance path) and more features than
samples (the Gram path, the lecture's pca.fit(movie_emb.T)). The second has a few strong
directions plus noise, as trained factors do.

Usage: python3 scripts/golden/pca_golden.py > Tests/ToolkitTests/Fixtures/pca_golden.json
"""
import json

import numpy as np

rng = np.random.RandomState(3000)


def pca(x, k):
    centred = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    signs = np.sign(vt[np.arange(len(vt)), np.argmax(np.abs(vt), axis=1)])
    vt = vt * signs[:, None]
    variance = s**2 / (len(x) - 1)
    return {"data": x.tolist(), "components": vt[:k].tolist(), "explainedVariance": variance[:k].tolist(),
            "explainedVarianceRatio": (variance[:k] / variance.sum()).tolist(), "mean": x.mean(axis=0).tolist()}


tall = rng.normal(size=(40, 6)) @ rng.normal(size=(6, 6)) + rng.normal(size=6)
wide = rng.normal(size=(12, 3)) @ rng.normal(size=(3, 30)) * 2 + rng.normal(size=(12, 30)) * 0.1
print(json.dumps({"tall": pca(tall, 3), "wide": pca(wide, 3)}))
