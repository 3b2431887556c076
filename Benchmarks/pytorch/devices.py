"""The `--device cpu|cuda` the PyTorch scripts share, and what timing on a GPU needs.

CUDA kernels run asynchronously: a Python loop returns while its work is still queued,
so the clock is read only after torch.cuda.synchronize() (`clock`). The first use of
CUDA also pays for starting it (the context, cuBLAS and cuDNN handles, kernels loaded
on first launch, the caching allocator's first blocks); `warm_up` pays that before the
first timed epoch, on copies, so that the recipe itself is untouched.
"""
import copy
import sys
import time

import torch


def add_option(parser, default="cpu"):
    parser.add_argument("--device", choices=["cpu", "cuda"], default=default,
                        help=f"where the model and the data live (default: {default})")


def require(name):
    """torch.device(name); without a usable GPU, `cuda` exits with status 1 and one line."""
    if name == "cuda" and not torch.cuda.is_available():
        sys.exit(f"{sys.argv[0]}: --device cuda, but torch {torch.__version__} sees no usable CUDA device "
                 f"(built for CUDA {torch.version.cuda or 'none'}); use --device cpu")
    return torch.device(name)


def clock(device):
    """time.perf_counter() once every kernel queued on `device` has finished."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return time.perf_counter()


def warm_up(device, model, optimizer, loss, train_batch, valid_batch):
    """On cuda, one training step on `train_batch` and one evaluation of `valid_batch`
    (`loss(model, batch)`, a scalar) on copies of the model and the optimizer, every
    random generator's state restored after: the lazy start is not charged to the first
    epoch, and the run that follows is the one it would have been. Nothing on cpu."""
    if device.type != "cuda":
        return
    with torch.random.fork_rng(devices=[torch.cuda.current_device()], device_type="cuda"):
        model, optimizer = copy.deepcopy((model, optimizer))  # one copy: the optimizer steps the copied weights
        model.train()
        optimizer.zero_grad()
        loss(model, train_batch).backward()
        optimizer.step()
        model.eval()
        with torch.no_grad():
            loss(model, valid_batch).item()
    torch.cuda.synchronize(device)
    torch.cuda.reset_peak_memory_stats(device)


def report(device):
    """The JSON report's device keys: `device`, and on cuda `device_name` and
    `peak_cuda_mb` (torch.cuda.max_memory_allocated, MiB, since the warm-up)."""
    if device.type != "cuda":
        return {"device": device.type}
    return {"device": device.type, "device_name": torch.cuda.get_device_name(device),
            "peak_cuda_mb": torch.cuda.max_memory_allocated(device) / 1048576}
