"""Issue 18: the library in refs/ never loses a record or an edit, and no input crashes a command.

Every case ends in a clean ``citekit: error:`` (or a reported problem) naming file and line, or a
correct result; none in a traceback, a hang or a silent loss.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.errors import DocumentError, StoreError
from citekit.model import PartialDate, Provenance, Reference
from citekit.problems import Problems
from citekit.store import (
    KEYS_FILE,
    ChangedOnDiskError,
    load_refs,
    load_refs_file,
    merge_extraction,
    refs_lock,
    write_refs_file,
)

ROOT = Path(__file__).resolve().parent.parent
BULLETIN = (
    "丽水：山区共富新路\n\n正文一。\n（来源：《丽水日报》2018-9-3）\n\n"
    "泰顺：坚定不移沿着“八八战略”指引路子走下去\n\n正文二。\n（来源：《温州人》2018-10-28）\n\n"
    "建德：全力增创新动能\n\n正文三。\n（来源：新华社 2018-05-31）\n"
)


def _ref(n: int, raw: str, title: str = "T", source: str = "seeds/a.txt") -> Reference:
    return Reference(
        id="",
        type="article-newspaper",
        title=title,
        container_title="丽水日报",
        issued=PartialDate(2018, 9, 3),
        provenance=(Provenance(source, n, n, raw),),
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(BULLETIN, encoding="utf-8")
    return tmp_path


def _extract(runner: CliRunner, *files: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["extract", *(files or ("seeds/a.txt",))])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def _refs_file() -> Path:
    return Path("refs/a.yaml")


# ----------------------------------------------------------------------- hand edits kept


def test_two_records_sharing_a_key_stop_extract_and_nothing_is_lost(
    project: Path, runner: CliRunner
) -> None:
    _extract(runner)
    path = _refs_file()
    keys = [r.id for r in load_refs_file(path).references]
    text = path.read_text(encoding="utf-8").replace(f"id: {keys[1]}", f"id: {keys[0]}")
    text = text.replace("title: 泰顺", "title: 我改过的泰顺")
    path.write_text(text, encoding="utf-8")
    code, err = _extract(runner)
    assert code == 1
    assert f"two records share the key {keys[0]!r}" in err and "rename one" in err
    assert path.read_text(encoding="utf-8") == text  # the hand edit is still there
    build = runner.invoke(cli, ["build"])
    assert build.exit_code == 1 and f"{path}:" in build.stderr


def test_a_pasted_second_references_block_is_refused_with_its_line(
    project: Path, runner: CliRunner
) -> None:
    _extract(runner)
    path = _refs_file()
    text = path.read_text(encoding="utf-8")
    pasted = text + "references:\n- id: pasted\n  title: 粘贴的\n"
    path.write_text(pasted, encoding="utf-8")
    line = pasted.splitlines().index("references:", len(text.splitlines()) - 1) + 1
    for args in (["build"], ["extract", "seeds/a.txt"], ["render", "refs/"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1, args
        assert f"{path}:{line}" in result.stderr and "duplicate key 'references'" in result.stderr
    assert path.read_text(encoding="utf-8") == pasted


@pytest.mark.parametrize("field", ["type", "title", "container-title", "issued"])
def test_any_field_edited_by_hand_survives_re_extraction(
    project: Path, runner: CliRunner, field: str
) -> None:
    _extract(runner)
    path = _refs_file()
    rf = load_refs_file(path)
    victim = rf.references[1]
    value = {"type": "article-magazine", "issued": "2018-10-29"}.get(field, "改过的值")
    lines = path.read_text(encoding="utf-8").splitlines()
    start = rf.lines[victim.id] - 1
    for i in range(start + 1, len(lines)):
        if lines[i].startswith(f"  {field}:"):
            lines[i] = f"  {field}: {value}"
            break
    else:
        raise AssertionError(field)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = len(load_refs("refs"))
    code, err = _extract(runner)
    assert code == 0 and "E110" not in err
    lib = load_refs("refs")
    assert len(lib) == before  # not added again under a new key
    edited = lib.get(victim.id)
    assert edited is not None
    assert str(edited.to_csl()[field] if field != "issued" else edited.issued) in (
        value,
        str(PartialDate.parse(value)) if field == "issued" else value,
    )


def test_comments_order_and_unknown_fields_survive_a_rewrite(
    project: Path, runner: CliRunner
) -> None:
    _extract(runner)
    path = _refs_file()
    text = path.read_text(encoding="utf-8")
    text = text.replace("references:\n", "# my note about this bulletin\nreferences:\n")
    text = text.replace("  title: 泰顺", "  my-field: 自定义  # keep me\n  title: 泰顺")
    path.write_text(text, encoding="utf-8")
    Path("seeds/a.txt").write_text(
        BULLETIN + "\n新的一篇\n\n正文四。\n（来源：《浙江日报》2020-1-2）\n", encoding="utf-8"
    )
    code, _ = _extract(runner)
    assert code == 0
    after = path.read_text(encoding="utf-8")
    assert "# my note about this bulletin" in after
    assert "  my-field: 自定义  # keep me\n  title: 泰顺" in after
    assert "浙江日报" in after


def test_a_file_changed_on_disk_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    merge_extraction("seeds/a.txt", None, [_ref(1, "x")], tmp_path)
    rf = load_refs_file(tmp_path / "a.yaml")
    (tmp_path / "a.yaml").write_text(rf.text + "# a hand edit\n", encoding="utf-8")  # type: ignore[operator]
    rf.references = [r.replace(title="new") for r in rf.references]
    with pytest.raises(ChangedOnDiskError, match="changed on disk"):
        write_refs_file(rf)
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8").endswith("# a hand edit\n")


def test_the_refs_lock_makes_a_second_writer_wait_then_stop_clearly(project: Path) -> None:
    Path("refs").mkdir()
    code = (
        "from citekit.store import merge_extraction\n"
        "from citekit.model import Reference\n"
        "merge_extraction('seeds/a.txt', None, [], 'refs')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CITEKIT_LOCK_TIMEOUT": "0"}
    with refs_lock("refs"):
        proc = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
        )
    assert proc.returncode == 1
    assert "in use by another citekit process" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr


# --------------------------------------------------------------------- names and keys


def test_same_named_documents_get_their_own_refs_files(project: Path, runner: CliRunner) -> None:
    for year in ("2018", "2019"):
        d = Path("docs") / year
        d.mkdir(parents=True)
        (d / "第1期.txt").write_text(BULLETIN.replace("2018", year), encoding="utf-8")
    docs = ["docs/2018/第1期.txt", "docs/2019/第1期.txt"]
    for _ in range(2):
        code, err = _extract(runner, *docs)
        assert code == 0 and "E110" not in err
    files = {
        load_refs_file(p).source: p.name for p in Path("refs").glob("*.yaml") if p.name[0] != "_"
    }
    assert files == {"docs/2018/第1期.txt": "第1期.yaml", "docs/2019/第1期.txt": "2019-第1期.yaml"}
    assert len(load_refs("refs")) == 6


def test_a_library_from_before_unique_names_is_migrated(project: Path, runner: CliRunner) -> None:
    # Before: both documents' records ended up in one refs/第1期.yaml.
    a = [_ref(i, f"（来源：A{i}）", f"甲{i}", "docs/2018/第1期.txt") for i in (1, 2)]
    b = [_ref(i, f"（来源：B{i}）", f"乙{i}", "docs/2019/第1期.txt") for i in (1, 2)]
    merge_extraction("docs/2018/第1期.txt", None, a, "refs")
    path = Path("refs/第1期.yaml")
    rf = load_refs_file(path)
    from citekit.keys import assign_keys

    rf.references += assign_keys(b, taken=[r.id for r in rf.references])
    write_refs_file(rf)
    keys_b = [r.id for r in rf.references[2:]]
    report = merge_extraction("docs/2019/第1期.txt", None, b, "refs")
    assert report.moved == keys_b and report.added == []
    moved = load_refs_file(Path("refs/2019-第1期.yaml"))
    assert [r.id for r in moved.references] == keys_b  # keys kept
    assert len(load_refs_file(path).references) == 2
    assert len(load_refs("refs")) == 4


def test_eight_hundred_records_with_one_base_key(tmp_path: Path) -> None:
    refs = [
        _ref(i, f"（来源：《丽水日报》2018-9-3）#{i}", "以丽水之干担纲丽水之赞")
        for i in range(1, 851)
    ]
    merge_extraction("seeds/a.txt", None, refs, tmp_path)
    keys = load_refs(tmp_path).keys()
    assert len(set(keys)) == 850
    assert keys[:3] == ["lishuiribao2018", "lishuiribao2018a", "lishuiribao2018b"]
    assert keys[26:30] == [
        "lishuiribao2018z",
        "lishuiribao2018ylsz",  # the title's initials: 以丽水之干…
        "lishuiribao2018ylsz-2",
        "lishuiribao2018ylsz-3",
    ]


def test_a_deleted_key_is_never_given_to_another_source(tmp_path: Path) -> None:
    merge_extraction("seeds/a.txt", None, [_ref(1, "r1")], tmp_path)
    first = load_refs(tmp_path).keys()[0]
    (tmp_path / "a.yaml").unlink()
    for state in (tmp_path / ".extracted").iterdir():
        state.unlink()
    merge_extraction("seeds/b.txt", None, [_ref(1, "other", source="seeds/b.txt")], tmp_path)
    assert first not in load_refs(tmp_path)
    assert first in (tmp_path / KEYS_FILE).read_text(encoding="utf-8")


# ------------------------------------------------------------------ bad refs/ content


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        pytest.param("  issued: [2018, 2019]", "'issued' must be a date", id="issued-list"),
        pytest.param("  author: [5]", "'author': name 1", id="author-number"),
        pytest.param("  provenance: seeds/a.txt", "'provenance' must be a list", id="prov-str"),
        pytest.param("  title: [a, b]", "'title' must be text", id="title-list"),
        pytest.param("  issued: {date-parts: x}", "'issued' must be a date", id="date-map"),
    ],
)
def test_wrong_value_types_are_errors_with_the_line(
    tmp_path: Path, entry: str, message: str
) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(f"references:\n- id: good\n  title: 好\n- id: bad\n{entry}\n", "utf-8")
    problems = Problems()
    lib = load_refs(tmp_path, problems)
    assert lib.keys() == ["good"]
    assert [p.code for p in problems.errors] == ["E202"]
    assert problems.errors[0].where == f"{path}:4" and message in problems.errors[0].message


def test_a_null_id_is_an_error_not_the_key_none(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("references:\n- id: null\n  title: 无\n", "utf-8")
    problems = Problems()
    assert len(load_refs(tmp_path, problems)) == 0
    assert "'id' must be a citation key" in problems.errors[0].message


def test_an_unknown_top_level_key_is_refused(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("references: []\n- id: x\n", "utf-8")
    with pytest.raises(StoreError):
        load_refs(tmp_path)
    (tmp_path / "r.yaml").write_text("references: []\nrefernces:\n- id: x\n", "utf-8")
    with pytest.raises(StoreError, match=r"r.yaml:2: unknown top-level key 'refernces'"):
        load_refs(tmp_path)


BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("name", "text", "args"),
    [
        ("a.yaml", "references:\n- id: x\n  title: *i\n" + BOMB, ["render", "refs/"]),
        ("_aliases.yaml", BOMB, ["build"]),
        ("_decisions.yaml", BOMB, ["build"]),
    ],
)
def test_alias_bombs_are_refused(
    project: Path, runner: CliRunner, name: str, text: str, args: list[str]
) -> None:
    _extract(runner)
    (Path("refs") / name).write_text(text, encoding="utf-8")
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert "citekit: error:" in result.stderr and "alias" in result.stderr


def test_a_non_utf8_aliases_file_is_an_error(project: Path, runner: CliRunner) -> None:
    _extract(runner)
    Path("refs/_aliases.yaml").write_bytes("浙江在线: [浙江在线网]\n".encode("gb18030"))
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 1
    assert "refs/_aliases.yaml:1: not UTF-8" in result.stderr


def test_an_unquoted_impossible_date_in_a_sidecar_is_not_a_crash(
    project: Path, runner: CliRunner
) -> None:
    Path("seeds/a.meta.yaml").write_text("issued: 2018-02-30\n", encoding="utf-8")
    code, err = _extract(runner)
    assert code in (0, 1) and "Traceback" not in err


def test_control_characters_are_reported_and_kept_out_of_word(
    project: Path, runner: CliRunner
) -> None:
    import docx

    _extract(runner)
    path = _refs_file()
    rf = load_refs_file(path)
    key = rf.references[0].id
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: 丽水：山区共富新路", 'title: "丽\\e水：山区共富新路"', 1
        ),
        "utf-8",
    )
    report = docx.Document()
    report.add_paragraph(f"正文[@{key}]。")
    report.save("report.docx")
    result = runner.invoke(cli, ["cite", "report.docx", "--refs", "refs/", "-o", "out.docx"])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document("out.docx").paragraphs)
    assert "丽水" in text and "\x1b" not in text
    render = runner.invoke(cli, ["render", "refs/"])
    assert "W204" in render.stderr and "U+001B" in render.stderr


def test_merge_into_a_key_that_is_not_being_merged_is_refused(
    project: Path, runner: CliRunner
) -> None:
    _extract(runner)
    keys = load_refs("refs").keys()
    before = _refs_file().read_text(encoding="utf-8")
    result = runner.invoke(cli, ["merge", keys[0], keys[1], "--into", keys[2], "--force"])
    assert result.exit_code == 1 and "is not one of the keys" in result.stderr
    assert _refs_file().read_text(encoding="utf-8") == before


def test_render_and_export_say_in_their_exit_code_that_records_were_left_out(
    project: Path, runner: CliRunner
) -> None:
    _extract(runner)
    path = _refs_file()
    path.write_text(path.read_text(encoding="utf-8") + "- id: broken\n  author: 7\n", "utf-8")
    for args in (["render", "refs/"], ["export", "refs/", "--to", "csl-json"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1, args
        assert "E202" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        '[{"id": "a", "title": "x", "issued": {"date-parts": [[1e400]]}}]',
        '[{"id": "a", "title": "x", "volume": Infinity, "page": NaN}]',
        '[{"id": "a", "title": "x", "volume": ' + "9" * 5000 + "}]",
    ],
    ids=["huge-float", "infinity-nan", "5000-digits"],
)
def test_odd_numbers_in_csl_json_do_not_crash(tmp_path: Path, runner: CliRunner, text: str) -> None:
    path = tmp_path / "lib.json"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["render", str(path)])
    assert result.exit_code in (0, 1)
    assert result.exception is None or isinstance(result.exception, SystemExit)


# ------------------------------------------------------------------------ bounded input


def test_a_fifo_is_refused_without_blocking(project: Path, runner: CliRunner) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo("seeds/pipe.txt")
    code, err = _extract(runner, "seeds/pipe.txt")
    assert code == 1 and "FIFO" in err


def test_a_document_above_the_size_limit_is_refused(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citekit.documents import read_document

    with pytest.raises(DocumentError, match="too large"):
        read_document("seeds/a.txt", max_bytes=100)
    monkeypatch.setenv("CITEKIT_MAX_DOCUMENT_MB", "0.0001")
    code, err = _extract(runner)
    assert code == 1 and "CITEKIT_MAX_DOCUMENT_MB" in err


# ------------------------------------------------------------------ failures while writing


def _assert_intact(before: dict[str, dict[str, bytes]], after: dict[str, dict[str, bytes]]) -> None:
    """Every file as it was, except that the append-only key registry may have grown (a key
    given out just before the failure stays burned; a line cut short is ignored on reading)."""
    before = {d: dict(files) for d, files in before.items()}
    after = {d: dict(files) for d, files in after.items()}
    keys_before, keys_after = before["refs"].pop("_keys.yaml"), after["refs"].pop("_keys.yaml")
    assert keys_after.startswith(keys_before)
    assert after == before


def _limited(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _snapshot(path: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(path)): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no file-size limit here")
@pytest.mark.parametrize("command", ["extract", "build"])
def test_a_file_size_limit_gives_one_error_line_and_keeps_the_old_files(
    project: Path, command: str
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [
        sys.executable,
        "-m",
        "citekit",
        command,
        *(["seeds/a.txt"] if command == "extract" else []),
    ]
    first = subprocess.run(run, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode in (0, 2), first.stderr
    Path("seeds/a.txt").write_text(
        BULLETIN + "\n新的\n\n文。\n（来源：《浙江日报》2020-1-2）\n", "utf-8"
    )
    before = {d: _snapshot(Path(d)) for d in ("refs", "build") if Path(d).exists()}
    proc = subprocess.run(
        run, env=env, capture_output=True, text=True, timeout=300, preexec_fn=lambda: _limited(600)
    )
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert "Traceback" not in proc.stderr
    assert any(line.startswith("citekit: error:") and "File too large" in line for line in lines)
    _assert_intact(before, {d: _snapshot(Path(d)) for d in before})


def test_a_read_only_refs_dir_gives_one_error_line(project: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere: EACCES cannot be provoked")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "citekit", "extract", "seeds/a.txt"], env=env, check=True)
    Path("seeds/a.txt").write_text(
        BULLETIN + "\n新\n\n文。\n（来源：《浙江日报》2020-1-2）\n", "utf-8"
    )
    os.chmod("refs", 0o555)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "citekit", "extract", "seeds/a.txt"],
            env=env,
            capture_output=True,
            text=True,
        )
    finally:
        os.chmod("refs", 0o755)
    assert proc.returncode == 1 and "Permission denied" in proc.stderr


def test_build_replaces_its_output_directory_as_a_whole(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(cli, ["build"]).exit_code in (0, 2)
    assert sorted(os.listdir("build")) == sorted(
        ["references.bib", "references.json", "bibliography.txt", "bibliography.docx", "index.html"]
    )
    assert not [p for p in os.listdir(".") if p.startswith(".build.")]
    # Foreign files in --out are left alone (outputs are then replaced one by one).
    Path("build/mine.txt").write_text("keep", encoding="utf-8")
    assert runner.invoke(cli, ["build"]).exit_code in (0, 2)
    assert Path("build/mine.txt").read_text(encoding="utf-8") == "keep"


def test_an_interrupted_directory_swap_is_recovered(tmp_path: Path) -> None:
    from citekit.atomic import recover_dir

    old = tmp_path / ".build.old-999999999-x"
    old.mkdir()
    (old / "index.html").write_text("old", encoding="utf-8")
    (tmp_path / ".build.new-999999999-y").mkdir()
    recover_dir(tmp_path / "build")
    assert (tmp_path / "build" / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


# ----------------------------------------------------------- a real full or read-only disk


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (Linux, root only: skipped elsewhere)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs Linux and root")
    mnt = tmp_path / "disk"
    mnt.mkdir()
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode(errors='replace')}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "citekit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _fill(disk: Path) -> None:
    with (disk / "filler").open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass


def _prepare(disk: Path) -> dict[str, dict[str, bytes]]:
    (disk / "seeds").mkdir()
    (disk / "seeds" / "a.txt").write_text(BULLETIN, encoding="utf-8")
    assert _cli(disk, "build").returncode in (0, 2)
    (disk / "seeds" / "a.txt").write_text(
        BULLETIN + "\n新的一篇\n\n文。\n（来源：《浙江日报》2020-1-2）\n", "utf-8"
    )
    return {d: _snapshot(disk / d) for d in ("refs", "build")}


@pytest.mark.parametrize("command", [["extract", "seeds/a.txt"], ["build"]], ids=" ".join)
def test_a_full_disk_gives_one_error_line_and_keeps_the_old_files(
    small_disk: Path, command: list[str]
) -> None:
    before = _prepare(small_disk)
    _fill(small_disk)
    proc = _cli(small_disk, *command)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("citekit: error:")]
    assert len(errors) == 1 and "No space left on device" in errors[0]
    assert errors[0].startswith("citekit: error: refs/") or "build" in errors[0]  # the path
    _assert_intact(before, {d: _snapshot(small_disk / d) for d in before})


@pytest.mark.parametrize("command", [["extract", "seeds/a.txt"], ["build"]], ids=" ".join)
def test_a_read_only_disk_gives_one_error_line_and_keeps_the_old_files(
    small_disk: Path, command: list[str]
) -> None:
    before = _prepare(small_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    proc = _cli(small_disk, *command)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("citekit: error:")]
    assert len(errors) == 1 and "Read-only file system" in errors[0], proc.stderr
    assert {d: _snapshot(small_disk / d) for d in before} == before


def test_a_record_from_a_2mb_line_stores_a_bounded_raw_text(tmp_path: Path) -> None:
    from citekit.store.merging import MAX_RAW

    raw = "正文" * 1_000_000 + "（来源：《丽水日报》2018-9-3）"
    merge_extraction("seeds/a.txt", None, [_ref(1, raw)], tmp_path)
    assert (tmp_path / "a.yaml").stat().st_size < 3000
    stored = load_refs(tmp_path)[0].provenance[0].raw
    assert len(stored) <= MAX_RAW and stored.endswith("（来源：《丽水日报》2018-9-3）")
    report = merge_extraction("seeds/a.txt", None, [_ref(1, raw)], tmp_path)
    assert report.added == report.updated == report.vanished == []


def test_a_deleted_refs_file_comes_back_with_the_same_keys(tmp_path: Path) -> None:
    refs = [_ref(i, f"（来源：{i}）") for i in range(1, 4)]
    merge_extraction("seeds/a.txt", None, refs, tmp_path)
    keys = load_refs(tmp_path).keys()
    (tmp_path / "a.yaml").unlink()
    merge_extraction("seeds/a.txt", None, refs, tmp_path)
    assert load_refs(tmp_path).keys() == keys


def test_permission_denied_is_one_error_line_naming_the_file(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root may write anywhere, so EACCES is simulated where the rename would fail.
    _extract(runner)
    Path("seeds/a.txt").write_text(
        BULLETIN + "\n新\n\n文。\n（来源：《浙江日报》2020-1-2）\n", "utf-8"
    )
    before = _refs_file().read_bytes()

    def denied(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("citekit.atomic.os.replace", denied)
    result = runner.invoke(cli, ["extract", "seeds/a.txt"])
    assert result.exit_code == 1
    assert "refs/a.yaml" in result.stderr and "Permission denied" in result.stderr
    assert _refs_file().read_bytes() == before
    assert not [p for p in Path("refs").iterdir() if p.name.endswith(".tmp")]


def test_threads_writing_refs_at_once_are_serialised(tmp_path: Path) -> None:
    import threading

    errors: list[BaseException] = []

    def extract(name: str) -> None:
        try:
            for round_ in range(3):
                refs = [
                    _ref(i, f"（来源：{name}{i}）", f"{name}{round_}", f"seeds/{name}.txt")
                    for i in range(1, 20)
                ]
                merge_extraction(f"seeds/{name}.txt", None, refs, tmp_path)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=extract, args=(n,)) for n in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    problems = Problems()
    assert len(load_refs(tmp_path, problems)) == 57 and not problems.errors


def test_a_comment_above_a_record_stays_above_it_when_records_are_added(
    project: Path, runner: CliRunner
) -> None:
    _extract(runner)
    path = _refs_file()
    keys = [r.id for r in load_refs_file(path).references]
    text = path.read_text(encoding="utf-8").replace(
        f"- id: {keys[1]}\n", f"# checked by hand\n- id: {keys[1]}\n"
    )
    path.write_text(text, encoding="utf-8")
    first, _, rest = BULLETIN.partition("泰顺")
    Path("seeds/a.txt").write_text(
        first + "新的一篇\n\n正文。\n（来源：《浙江日报》2020-1-2）\n\n泰顺" + rest, "utf-8"
    )
    assert _extract(runner)[0] == 0
    after = path.read_text(encoding="utf-8")
    assert f"# checked by hand\n- id: {keys[1]}\n" in after
    assert "浙江日报" in after
