"""The process's peak resident memory in MiB, as lesson6-bench's PeakMemory reads it.

Linux's VmHWM (/proc/self/status) rather than getrusage's ru_maxrss: the latter
survives exec, so a script started by a large process would report that process's size.
"""
import resource


def peak_rss_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1048576  # macOS reports bytes
