"""CPU time by process from /proc, for the benches that say where a request's CPU goes."""
import os

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds_by(classify, children_kind, own_kind="other"):
    """CPU seconds (user and system) used so far by every live process, summed by the kind that
    classify(pid, comm) gives it, each with the time of the children it has waited for. This process's
    own time is counted as own_kind and that of the children it ran and waited for (the clients it
    measures with) as children_kind; a process that ended takes its time with it unless its parent
    waited for it."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        own = (int(fields[11]) + int(fields[12])) / TICK
        children = (int(fields[13]) + int(fields[14])) / TICK
        pid = int(entry)
        if pid == os.getpid():
            out[children_kind] = out.get(children_kind, 0.0) + children
            out[own_kind] = out.get(own_kind, 0.0) + own
            continue
        kind = classify(pid, comm)
        out[kind] = out.get(kind, 0.0) + own + children
    return out


def machine_cpu_seconds():
    """CPU seconds all processes of the machine have used (user, nice, system, irq, softirq, steal)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    return (sum(fields[0:3]) + sum(fields[5:8])) / TICK
