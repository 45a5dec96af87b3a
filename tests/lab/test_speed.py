"""The helpers behind `ipqa bench`'s speed table: a new process's own seconds and peak memory, and the ratios."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.lab import bench, speed
from assistant.settings import Settings


def test_a_new_process_reports_its_own_peak_memory(tmp_path):
    settings = Settings(index_dir=tmp_path)
    small = speed.new_process(["-c", "pass"], settings)
    big = speed.new_process(["-c", "block = bytearray(120 * 2**20); block[::4096] = b'x' * len(block[::4096])"],
                            settings)
    assert big.peak_mib - small.peak_mib >= 100  # the 120 MiB it touched, not the parent's memory
    assert small.seconds > 0 and small.peak_mib < 100


def test_a_failing_process_is_an_error_with_its_output(tmp_path):
    with pytest.raises(RuntimeError, match="boom"):
        speed.new_process(["-c", "raise SystemExit('boom')"], Settings(index_dir=tmp_path))


def test_ratios_are_ours_over_the_baseline_and_missing_without_one():
    assert speed.ratio(1.5, 6.0) == 0.25
    assert speed.ratio(1.5, None) is None and speed.ratio(None, 6.0) is None


def test_the_warm_launcher_serves_app_py_with_the_warm_start(tmp_path):
    source = speed.warm_launcher(tmp_path).read_text()
    assert "st.App(" in source and "lifespan=warm.lifespan" in source
    assert str(Path(speed.ROOT) / "app.py") in source


def test_the_speed_table_prints_each_figure_beside_the_baseline():
    report = {"speed, beside the plain-RAG baseline": {
        "answer in a new process (s)": {"ours": 1.2, "baseline": 7.5, "ratio": 0.16},
        "ipqa task 24, new process (s)": {"ours": 0.11, "baseline": None, "ratio": None},
    }}
    lines = bench.format_report(report).splitlines()
    assert "| answer in a new process (s) | 1.2 | 7.5 | 0.16 |" in lines
    assert "| ipqa task 24, new process (s) | 0.11 | - | - |" in lines
