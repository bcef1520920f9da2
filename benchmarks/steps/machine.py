"""Facts about the run: the machine, the versions, and memory of the workers and the node."""

import os
import platform
import sqlite3
from importlib.metadata import version
from pathlib import Path


def children(pid):
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def vm_hwm(pid):
    """Peak resident set size of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def machine_facts():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 2**20, 1),
        "os": f"{platform.system()} {platform.release()}",
    }


class MachineSteps:
    """Bench steps that record the machine, the versions and memory in ``self.results``."""

    def memory(self, process):
        from search.client import get_search_client

        workers = children(process.pid)
        self.results["memory"] = {
            "worker_peak_rss_kib": [vm_hwm(pid) for pid in workers],
        }
        stats = get_search_client().nodes.stats(metric="jvm")
        node = next(iter(stats["nodes"].values()))
        self.results["memory"].update(
            node_heap_used_bytes=node["jvm"]["mem"]["heap_used_in_bytes"],
            node_heap_max_bytes=node["jvm"]["mem"]["heap_max_in_bytes"],
        )

    def facts(self):
        from search.client import get_search_client

        info = get_search_client().nodes.info(metric="jvm,os")
        node = next(iter(info["nodes"].values()))
        self.results["machine"] = machine_facts()
        self.results["versions"] = {
            "python": platform.python_version(),
            "django": version("django"),
            "wagtail": version("wagtail"),
            "elasticsearch_client": version("elasticsearch"),
            "gunicorn": version("gunicorn"),
            "sqlite": sqlite3.sqlite_version,
            "elasticsearch_node": node["version"],
            "jvm": f"{node['jvm']['vm_name']} {node['jvm']['version']}",
        }
