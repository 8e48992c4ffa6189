"""Dataset.read_csv and Dataset.read_segment take a path, a file object, or the content (str
or bytes), and stream files rather than holding them whole."""

import io
import json
import os
import subprocess
import sys
import textwrap

import pytest

import touchpoint
from touchpoint import Dataset

CSV = (
    "customer_id,timestamp,channel,kind,value,survey,score\n"
    "c1,2026-01-01,email,email_open,,,\n"
    "c1,2026-01-02 10:00:00,web,purchase,19.99,,\n"
    "c2,2026-01-03,store,survey_response,,csat,4\n"
    "c2,not-a-time,store,click,,,\n"
    "zoë,2026-01-04,web,page_view,,,\n"
)
TRACK = '{{"type":"track","userId":"{user}","event":"Order Completed","timestamp":"2026-02-0{day}T10:00:00Z","properties":{{"channel":"web","revenue":{day}}}}}'
CALLS = [
    '{"type":"identify","userId":"u1","traits":{"plan":"gold"}}',
    TRACK.format(user="u1", day=1),
    '{"type":"track","userId":"u2","event":"Survey Response","timestamp":"2026-02-02T10:00:00Z","properties":{"channel":"email","survey":"nps","score":11}}',
    TRACK.format(user="zoë", day=3),
]
NDJSON = "\n".join(CALLS) + "\n{bad json\n"
ARRAY = "[" + ",\n".join(CALLS) + "]"


def outcome(ds):
    return (ds.summary(), ds.rejected, ds.cx_report())


def sources(content, path):
    """Every form of the same content: (name, source)."""
    data = content.encode("utf-8")
    return [
        ("str path", str(path)),
        ("pathlib.Path", path),
        ("text file", lambda: open(path, encoding="utf-8")),
        ("binary file", lambda: open(path, "rb")),
        ("unbuffered binary file", lambda: open(path, "rb", buffering=0)),
        ("io.StringIO", lambda: io.StringIO(content)),
        ("io.BytesIO", lambda: io.BytesIO(data)),
        ("bytes", data),
        ("bytearray", bytearray(data)),
        ("memoryview", memoryview(data)),
    ]


@pytest.mark.parametrize(
    "read, content, suffix, events",
    [
        (Dataset.read_csv, CSV, ".csv", 4),
        (Dataset.read_segment, NDJSON, ".ndjson", 2),
        (Dataset.read_segment, ARRAY, ".json", 2),
    ],
    ids=["csv", "ndjson", "json array"],
)
def test_every_source_reads_as_the_text_does(tmp_path, read, content, suffix, events):
    path = tmp_path / f"events{suffix}"
    path.write_text(content, encoding="utf-8")
    expected = outcome(read(content, mode="lenient"))
    assert expected[0]["events"] == events and expected[1]  # something read, something rejected
    for name, source in sources(content, path):
        if callable(source):
            with source() as f:
                got = outcome(read(f, mode="lenient"))
        else:
            got = outcome(read(source, mode="lenient"))
        assert got == expected, name


def test_a_str_is_content_when_it_has_a_line_break_and_a_path_otherwise(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events.csv").write_text(CSV, encoding="utf-8")
    assert Dataset.read_csv("events.csv", mode="lenient").event_count == 4
    # A header without a line break is taken for a path: the error says how to pass content.
    with pytest.raises(FileNotFoundError) as info:
        Dataset.read_csv("customer_id,timestamp,channel,kind")
    assert info.value.filename == "customer_id,timestamp,channel,kind"
    assert "line break" in str(info.value) and "io.StringIO" in str(info.value)
    assert Dataset.read_csv("customer_id,timestamp,channel,kind\n").event_count == 0
    assert Dataset.read_csv(io.StringIO("customer_id,timestamp,channel,kind")).event_count == 0


def test_one_line_of_segment_json_is_content():
    # A call or an array on one line, without a line break, starts with { or [: content.
    assert Dataset.read_segment(CALLS[1]).event_count == 1
    assert Dataset.read_segment("[" + CALLS[1] + "]").event_count == 1
    assert Dataset.read_segment("  []").event_count == 0


def test_missing_files_and_directories_raise_oserrors(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        Dataset.read_segment(tmp_path / "missing.ndjson")
    assert info.value.filename == str(tmp_path / "missing.ndjson")
    assert "line break" not in str(info.value)  # a Path is a path: no hint about content
    with pytest.raises(IsADirectoryError):
        Dataset.read_csv(tmp_path)


def test_other_objects_are_argument_errors():
    for source in [42, None, ["a", "b"], {"customer_id": "a"}]:
        with pytest.raises(touchpoint.ArgumentError) as info:
            Dataset.read_csv(source)
        assert info.value.field == "source"


def test_invalid_utf8_in_bytes_names_its_line():
    data = CSV.encode().replace(b"zo\xc3\xab", b"zo\xeb")  # latin-1, not UTF-8, on line 6
    for source in [data, io.BytesIO(data)]:
        ds = Dataset.read_csv(source, mode="lenient")
        assert ds.event_count == 3
        assert [(r["record"], r["code"]) for r in ds.rejected] == [("line 5", "INVALID_RECORD"), ("line 6", "PARSE_ERROR")]
        assert "utf-8" in ds.rejected[1]["message"].lower()
    with pytest.raises(touchpoint.ParseError) as info:
        Dataset.read_csv(io.BytesIO(data.replace(b"not-a-time", b"2026-01-05")))
    assert info.value.record == "line 6"
    ndjson = NDJSON.encode().replace(b"zo\xc3\xab", b"zo\xeb")
    ds = Dataset.read_segment(io.BytesIO(ndjson), mode="lenient")
    assert ("line 4", "PARSE_ERROR") in [(r["record"], r["code"]) for r in ds.rejected]
    assert ds.event_count == 1


def test_a_text_file_in_another_encoding_raises_its_decode_error(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(CSV.encode("latin-1"))
    with open(path, encoding="utf-8") as f, pytest.raises(UnicodeDecodeError):
        Dataset.read_csv(f)
    with open(path, encoding="latin-1") as f:  # decoded by Python: then it reads
        assert Dataset.read_csv(f, mode="lenient").customer_count == 3


def test_an_exception_of_read_is_raised_as_it_is():
    class Broken(io.RawIOBase):
        def __init__(self):
            self.calls = 0

        def read(self, n=-1):
            self.calls += 1
            if self.calls > 1:
                raise ConnectionResetError("the network went away")
            return CSV[:60].encode()

    with pytest.raises(ConnectionResetError, match="went away"):
        Dataset.read_csv(Broken(), mode="lenient")

    class Wrong:
        def read(self, n):
            return 42

    with pytest.raises(touchpoint.ArgumentError, match="returned int"):
        Dataset.read_segment(Wrong())


def test_text_crossing_chunk_boundaries_reads_whole(tmp_path):
    # Wider than the 256 KiB chunks of .read(n), with multi-byte characters everywhere, so
    # chunks end inside characters (binary) and inside lines (both).
    rows = ["customer_id,timestamp,channel,kind"]
    rows += [f"clienté-{i % 997}-ü€,2026-01-01T00:00:{i % 60:02d}Z,web,page_view" for i in range(40_000)]
    content = "\n".join(rows) + "\n"
    path = tmp_path / "wide.csv"
    path.write_text(content, encoding="utf-8")
    expected = outcome(Dataset.read_csv(content))
    assert expected[0]["events"] == 40_000 and expected[0]["customers"] == 997
    with open(path, encoding="utf-8") as text, open(path, "rb") as binary:
        assert outcome(Dataset.read_csv(text)) == expected
        assert outcome(Dataset.read_csv(binary)) == expected


def test_segment_batch_documents_and_lines(tmp_path):
    batch = {
        "batch": [json.loads(c) for c in CALLS[:2]] + [{"type": "page", "userId": "u3", "timestamp": "2026-02-05T00:00:00Z"}],
        "context": {"channel": "mobile"},
        "sentAt": "2026-02-06T00:00:00Z",
    }
    pretty = json.dumps(batch, indent=2)
    ds = Dataset.read_segment(pretty)
    assert (ds.customer_count, ds.event_count) == (2, 2)
    assert ds.cx_report()["dataset"]["events"] == 2
    path = tmp_path / "batch.json"
    path.write_text(pretty)
    assert outcome(Dataset.read_segment(path)) == outcome(ds)
    # One batch per line (a log of batch requests): calls named by line and place.
    bad = dict(batch, batch=[json.loads(CALLS[2])])
    lines = json.dumps(batch) + "\n" + json.dumps(bad) + "\n"
    ds = Dataset.read_segment(lines, mode="lenient")
    assert ds.event_count == 2
    assert [(r["record"], r["field"]) for r in ds.rejected] == [("line 2", "batch[0].properties.score")]


def test_reading_a_path_releases_the_gil(tmp_path):
    import threading
    import time

    rows = ["customer_id,timestamp,channel,kind"] + [f"c{i % 1000},2026-01-01T00:00:00Z,web,page_view" for i in range(300_000)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(rows) + "\n")
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        start = time.perf_counter()
        ds = Dataset.read_csv(path)
        end = time.perf_counter()
    finally:
        done.set()
        t.join()
    assert ds.event_count == 300_000
    during = [x for x in ticks if start < x < end]
    # The Python thread kept running while Rust read the file (a held GIL would allow none).
    assert len(during) >= max(2, int((end - start) / 0.001) // 10), (len(during), end - start)


MEASURE = textwrap.dedent(
    """
    import sys, touchpoint
    def status(key):  # kB, from Linux's /proc: VmRSS now, VmHWM the peak of this process
        return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith(key))
    path, how = sys.argv[1], sys.argv[2]
    # ru_maxrss would do, but a child forked from pytest inherits pytest's own peak.
    before = status("VmRSS:")
    if how == "path":
        ds = touchpoint.Dataset.read_csv(path)
    else:
        ds = touchpoint.Dataset.read_csv(open(path).read())
    print(ds.event_count, (status("VmHWM:") - before) * 1024)
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_a_file_is_streamed_not_held_whole(tmp_path):
    # 12 customers with long ids: the file is large, the dataset it makes is small. Reading
    # the text holds it (as str, and as UTF-8 for the core); reading the path holds a chunk.
    path = tmp_path / "long.csv"
    ids = [f"customer-{'x' * 180}-{i}" for i in range(12)]
    with open(path, "w") as f:
        f.write("customer_id,timestamp,channel,kind\n")
        for i in range(200_000):
            f.write(f"{ids[i % 12]},2026-01-01T00:00:00Z,web,page_view\n")
    size = path.stat().st_size
    assert size > 40e6

    def peak(how):
        out = subprocess.run([sys.executable, "-c", MEASURE, str(path), how], check=True, capture_output=True, text=True)
        events, grown = map(int, out.stdout.split())
        assert events == 200_000
        return grown

    by_path, by_text = peak("path"), peak("text")
    assert by_text > size  # the text alone is the file's size
    # A third of the file: room for the fixed cost of the code and the thread pool (about
    # 11 MB in all here), far below the whole file (and the text's 2x) it would take.
    assert by_path < size / 3, (by_path, by_text, size)
