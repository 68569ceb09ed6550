"""The review workbench on a big library: how soon the page is usable, and saving one record.

Writes ``--records`` articles into bulletins of ``--per-doc`` articles each (synthetic but
shaped like real ones: headlines built as Zhejiang bulletins build them, a body, an attribution
line in one of the usual forms, some reposts), extracts them into refs/ as ``citekit extract``
does (one refs file per bulletin), then runs ``citekit review`` (a separate process each time,
its cache directory empty at first; ``--style`` picks the page's style, e.g. an author-date
one) and opens the page, three times:

* **cold**: nothing cached (every refs file is parsed, every entry rendered, every bulletin
  searched for the lines extraction could not read, all for the first time);
* **after a save**: a new ``citekit review`` after ``--saves`` saves of one record (one refs
  file changed since the last run);
* **unchanged**: one more, nothing changed since.

For each it prints, in seconds from the moment the page is asked for:

* ``first answer``: the HTTP response of the page (shell, first records, workbench controls)
  fully read — the page is usable from here: its records can be read, edited, deleted;
* ``all records``: until the last chunk of records has been read, fetched one after the other
  as the page's script does (the findings being computed meanwhile, asked for as the page does);
* ``duplicates``: until the findings (duplicate groups, totals, filters by finding) arrive;
* while those load: the time to read the first record's fields (what the edit form shows) and
  to save an edit of it (these two are durations, not times from asking for the page).

With Chromium and websocket-client installed, the same again in a real browser (a cold run and
one after a save, each in a new ``citekit review`` with its own empty cache at first):
``DOMContentLoaded`` and ``first paint`` of the page, and the marks the page's script sets when
it has put in all records and the duplicate panel (``performance.mark``), all from the start of
the navigation.

Then ``save``: the median time of ``--saves`` saves of one record over HTTP (each a fresh
version, written atomically under the lock), and the time to read one record's fields.

Targets from the issue: the page opens in < 2 s (first answer, and DOMContentLoaded in the
browser), saving one record < 200 ms.

It also prints what the "to check first" panel lists: records with extraction warnings (from
the findings) and possibly missed lines (from the chunks).

    python benchmarks/bench_review.py [--records 10000] [--per-doc 20] [--saves 20] [--style S]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# What a year of Zhejiang bulletins is made of: who acts, what they do, about what, and how a
# headline ends. Titles are drawn from these as real headlines are built (two-part headlines,
# speeches, policy documents, "…的实践"), so most records share a few words with many others
# (a region, a stock phrase) but few share a whole title: about 3% are reposts of an earlier
# article in another paper and 1% the same article quoted twice, as in real bulletins.
_WHO = _words(
    "丽水市 浙江省 杭州市 宁波市 温州市 嘉兴市 湖州市 绍兴市 金华市 衢州市 舟山市 台州市 "
    "莲都区 龙泉市 青田县 云和县 庆元县 缙云县 遂昌县 松阳县 景宁畲族自治县 泰顺县 文成县 "
    "开化县 淳安县 我省 我市 全省 全市 各地 省委 省政府 市委 市政府 省发展改革委 省农业农村厅 "
    "省生态环境厅 省文化和旅游厅 省教育厅 省科技厅 省财政厅 国务院 国家发展改革委 农业农村部 "
    "生态环境部 文化和旅游部"
)
_DO = _words(
    "推进 深化 加快 全面推进 扎实推进 持续深化 着力打造 探索 启动 部署 出台 印发 发布 实施 "
    "完善 建立 构建 推动 助力 聚焦 做好 开展 谋划 落实 攻坚 统筹 提升 创新 优化 强化 打响"
)
_WHAT = _words(
    "生态产品价值实现机制 山区跨越式高质量发展 共同富裕示范区建设 数字化改革 乡村振兴战略 "
    "美丽乡村建设 海洋经济发展 文旅融合 全域旅游 营商环境 科技创新 人才引育 基层治理现代化 "
    "民生实事项目 城乡风貌整治 未来社区建设 县域医共体 义务教育优质均衡 养老服务体系 "
    "农村集体经济 低收入农户增收 碳达峰碳中和 绿色金融改革 小微企业园 数字经济 "
    "制造业高质量发展 交通强省建设 水利工程建设 防汛防台 安全生产 森林防火 河湖长制 "
    "垃圾分类 文明城市创建 平安建设 法治政府建设 清廉建设 干部作风建设 山海协作工程 "
    "八八战略 最多跑一次改革 生态文明建设 两山理念转化 农家乐民宿 茶产业 食用菌产业 "
    "香菇产业 青瓷宝剑 来料加工 异地搬迁 小县大城 花园乡村 大搬快聚 农村电商 物流体系 "
    "职业教育 高校合作 医疗卫生 公共文化服务 体育强省 对口支援 东西部协作 招商引资 "
    "项目建设 开发区整合提升 土地综合整治 耕地保护 粮食安全 林下经济 生物多样性保护 "
    "国家公园创建 绿色发展 水环境治理 大气污染防治 污水零直排区 美丽河湖 诗画浙江大花园"
)
_END = _words(
    "工作 试点 改革 行动 攻坚战 三年行动计划 实施方案 工作推进会 现场会 座谈会 新闻发布会 "
    "取得新成效 见实效 迈出新步伐 再上新台阶 成效明显 走在前列 开新局 提速增效 全面铺开"
)
_PEOPLE = _words("车俊 袁家军 徐文光 胡海峰 张兵 史济锡 吴晓东 王永康 葛慧君 黄志平")
_DOCS = _words("实施意见 若干意见 通知 若干措施 指导意见 工作方案 行动计划 管理办法")
_PAPERS = _words(
    "丽水日报 浙江日报 人民日报 光明日报 经济日报 钱江晚报 处州晚报 今日建德 衢州日报 "
    "温州日报 中国环境报 农民日报 学习时报 浙江经济"
)
_SITES = _words("浙江在线 丽水网 新华网 人民网 中国新闻网 衢州传媒网 浙江新闻")
_SENTENCES = (
    "近年来，我市坚持以习近平新时代中国特色社会主义思想为指导，",
    "围绕高质量发展目标，统筹推进各项工作，取得了明显成效。",
    "据统计，全年共完成投资一百二十亿元，同比增长百分之十二。",
    "下一步，将进一步完善体制机制，强化要素保障，确保各项任务落地见效。",
    "会议强调，要切实增强责任感和紧迫感，以更大力度抓好落实。",
    "各地各部门要加强协同配合，形成工作合力。",
    "该项目建成后，将带动周边群众就业两千余人，户均增收三万元。",
)


def _title(rng: random.Random) -> str:
    """A headline as bulletins print them (one of six common shapes)."""
    who, do, what, end = (rng.choice(x) for x in (_WHO, _DO, _WHAT, _END))
    shape = rng.randrange(6)
    if shape == 0:
        return f"{who}{do}{what}{end}"
    if shape == 1:
        return f"{who}：{do}{what} {rng.choice(_DO)}{rng.choice(_WHAT)}"
    if shape == 2:
        return f"{what}的{who.removesuffix('市').removesuffix('县')}实践"
    if shape == 3:
        return f"{rng.choice(_PEOPLE)}在{who}调研时强调{do}{what}"
    if shape == 4:
        return f"关于{do}{what}的{rng.choice(_DOCS)}"
    return f"{who}{rng.randrange(2015, 2024)}年{what}{end}"


def _attribution(rng: random.Random, paper: str, y: int, m: int, d: int) -> str:
    """The line that closes an article, in the forms bulletins use."""
    form = rng.randrange(5)
    if form == 0:
        return f"（来源：《{paper}》{y}-{m}-{d}）"
    if form == 1:
        return f"（来源：{paper} {y}年{m}月{d}日）"
    if form == 2:
        return f"（来源：《{paper}》{y}年{m}月{d}日 第{rng.randrange(1, 12)}版）"
    if form == 3:
        return f"（来源：{rng.choice(_SITES)} {y}-{m:02d}-{d:02d}）"
    return f"（摘自《{paper}》{y}年第{rng.randrange(1, 24)}期）"


def make_documents(docs: Path, n_docs: int, per_doc: int, seed: int = 7) -> list[Path]:
    """``n_docs`` bulletin texts of ``per_doc`` articles each (title, body, attribution)."""
    rng = random.Random(seed)
    written: list[tuple[str, str]] = []  # (title, paper) of articles so far, for reposts
    paths = []
    for k in range(n_docs):
        lines = [f"浙江省公共图书馆 专题信息 第{k + 1}期", "", "编者按：本期专题摘选公开报道。", ""]
        for _ in range(per_doc):
            paper = rng.choice(_PAPERS)
            roll = rng.random()
            if written and roll < 0.03:  # a repost: the same article in another paper
                title = rng.choice(written)[0]
            elif written and roll < 0.04:  # the same article quoted again
                title, paper = rng.choice(written)
            else:
                title = _title(rng)
            written.append((title, paper))
            y, m, d = rng.randrange(2015, 2024), rng.randrange(1, 13), rng.randrange(1, 29)
            lines += [f" {title} ", ""]
            for _ in range(rng.randrange(2, 6)):
                lines += [rng.choice(_SENTENCES), ""]
            lines += [_attribution(rng, paper, y, m, d), ""]
            if rng.random() < 0.02:  # a cue extraction cannot read: "possibly missed"
                lines += ["（来源：本报综合）", ""]
        path = docs / f"bulletin-{k:04d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def make_library(root: Path, n: int, per_doc: int = 20) -> list[str]:
    """Bulletins holding about ``n`` articles in ``root/docs``, extracted into ``root/refs`` as
    ``citekit extract`` does; returns the records' keys."""
    from citekit.extract import extract_file
    from citekit.problems import Problems
    from citekit.store import load_refs, merge_extraction

    docs, refs = root / "docs", root / "refs"
    docs.mkdir()
    refs.mkdir()
    for path in make_documents(docs, max(1, n // per_doc), per_doc):
        ex = extract_file(path, Problems())
        merge_extraction(str(path), ex.document, ex.references, refs)
    return [ref.id for ref in load_refs(refs)]


class _Session:
    """One ``citekit review`` process on ``refs`` (its own caches in ``cache``)."""

    def __init__(self, refs: Path, cache: Path, style: str | None = None) -> None:
        env = {**os.environ, "CITEKIT_CACHE_DIR": str(cache)}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "citekit", "review", str(refs)]
            + (["--style", style] if style else []),
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        assert self.proc.stderr is not None
        line = self.proc.stderr.readline()
        self.ready = time.perf_counter() - self.started
        found = re.search(r"(http://\S+)/\?token=(\S+)", line)
        if found is None:
            self.stop()
            raise SystemExit(f"citekit review did not start: {line!r}")
        self.base, self.token = found[1], found[2]

    def get(self, path: str) -> tuple[bytes, float]:
        t0 = time.perf_counter()
        req = urllib.request.Request(self.base + path, headers={"X-Citekit-Token": self.token})
        with urllib.request.urlopen(req, timeout=600) as resp:
            return resp.read(), time.perf_counter() - t0

    def post(self, path: str, body: object) -> tuple[dict[str, object], float]:
        t0 = time.perf_counter()
        req = urllib.request.Request(
            self.base + path,
            data=json.dumps(body).encode(),
            headers={"X-Citekit-Token": self.token, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=600) as resp:
            answer = json.loads(resp.read())
        return answer, time.perf_counter() - t0

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)


def open_over_http(session: _Session, *, save: bool = False) -> dict[str, float | int]:
    """Open the page as the browser does: the page, then its chunks one after the other while
    the findings are asked for; seconds from the first request. Meanwhile the first record is
    read (and, with ``save``, saved)."""
    t0 = time.perf_counter()
    page, first = session.get("/?token=" + session.token)
    config = json.loads(
        re.search(
            rb'<script id="citekit-config" type="application/json">(.*?)</script>', page, re.S
        )[1]  # type: ignore[index]
    )
    out: dict[str, float | int] = {
        "first": first,
        "first_records": page.count(b'<article class="rec"'),
        "size": len(page),
    }

    def findings() -> None:
        while True:
            body, _ = session.get(f"/api/findings?run={config['run']}")
            found = json.loads(body)
            if found["ready"]:
                out["findings"] = time.perf_counter() - t0
                out["check_first"] = found["check_first"]["count"]
                return

    missed: list[int] = []

    def load() -> None:
        n, records = config["next"], int(out["first_records"])
        while n is not None:
            body, _ = session.get(f"/api/chunk?run={config['run']}&n={n}")
            chunk = json.loads(body)
            records += sum(p["html"].count('<article class="rec"') for p in chunk["parts"])
            missed.append(chunk["missed"].count("<li "))
            n = chunk["next"]
        out["all"] = time.perf_counter() - t0
        out["records"] = records
        out["missed"] = sum(missed) + page.count(b'<li data-doc="')

    threads = [threading.Thread(target=findings), threading.Thread(target=load)]
    for t in threads:
        t.start()
    # a librarian at work on the first record while the rest loads: open it, save it
    first_key = re.search(rb'data-key="([^"]+)"', page)[1].decode()  # type: ignore[index]
    record, out["open_record"] = session.get(f"/api/record?key={first_key}")
    fields = json.loads(record)["fields"]
    if save:
        _, out["save_loading"] = session.post(
            "/api/save",
            {
                "key": first_key,
                "fields": {"title": fields["title"] + "（改）"},
                "version": json.loads(record)["version"],
            },
        )
    for t in threads:
        t.join()
    return out


def _chromium() -> tuple[Any, str]:
    """The DevTools driver of the browser tests, or None (with why) when it cannot run."""
    binary = next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
        None,
    )
    if binary is None:
        return None, "chromium is not installed"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    try:
        from test_browser import Chromium  # the same DevTools driver as the browser tests
    except Exception as exc:  # websocket-client or pytest missing
        return None, f"the DevTools driver cannot be loaded ({exc})"
    return (lambda profile: Chromium(binary, profile)), ""


_TIMINGS = """JSON.stringify((() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByType("paint");
  const mark = n => (performance.getEntriesByName(n)[0] || {}).startTime;
  return {dcl: nav.domContentLoadedEventEnd, paint: (paint[0] || {}).startTime,
          all: mark("citekit-all-records"), findings: mark("citekit-findings"),
          records: document.querySelectorAll("article.rec").length};
})())"""


def open_in_browser(browser: Any, session: _Session) -> dict[str, float | int]:
    """Open the page in Chromium and wait for all records and the findings; seconds from the
    start of the navigation."""
    browser.open(f"{session.base}/?token={session.token}")
    done = (
        "document.documentElement.dataset.wbLoaded === '1' && "
        "document.documentElement.dataset.wbFindings === '1'"
    )
    deadline = time.monotonic() + 900
    while not browser.js(done):
        if time.monotonic() > deadline:
            raise SystemExit("the page never finished loading in the browser")
        time.sleep(0.05)
    found = json.loads(browser.js(_TIMINGS))
    return {k: (v / 1000 if k != "records" else v) for k, v in found.items() if v is not None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--per-doc", type=int, default=20, help="articles per bulletin")
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--style", default=None, help="the page's style (default: numeric)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        keys = make_library(root, args.records, args.per_doc)
        made = time.perf_counter() - t0
        refs, cache = root / "refs", root / "cache"
        n_files = len(list(refs.glob("bulletin-*.yaml")))
        key = keys[len(keys) // 2]
        runs: dict[str, dict[str, float | int]] = {}

        first = _Session(refs, cache, args.style)  # nothing cached
        runs["cold"] = open_over_http(first, save=True)
        record, read = first.get(f"/api/record?key={key}")
        version = json.loads(record)["version"]
        saves = []
        for n in range(args.saves):
            answer, took = first.post(
                "/api/save", {"key": key, "fields": {"title": f"修改{n}"}, "version": version}
            )
            saves.append(took)
            version = str(answer["version"])
        first.stop()
        again = _Session(refs, cache, args.style)  # one refs file changed since the last run
        runs["after a save"] = open_over_http(again)
        again.stop()
        same = _Session(refs, cache, args.style)  # nothing changed since
        runs["unchanged"] = open_over_http(same)
        same.stop()

        seen: dict[str, dict[str, float | int]] = {}
        make_browser, why = _chromium()
        if make_browser is not None:
            browser = make_browser(root / "profile")
            try:
                fresh = root / "browser-cache"  # cold again: a cache of its own, empty
                one = _Session(refs, fresh, args.style)
                seen["cold"] = open_in_browser(browser, one)
                answer, _ = one.post(
                    "/api/save", {"key": key, "fields": {"title": "浏览器中修改"}, "version": None}
                )
                one.stop()
                two = _Session(refs, fresh, args.style)
                seen["after a save"] = open_in_browser(browser, two)
                two.stop()
            finally:
                browser.close()

    def verdict(seconds: float, target: float) -> str:
        return "ok" if seconds < target else "MISSED"

    cold = runs["cold"]
    print(
        f"library: {cold['records']} records in {n_files} refs files, one per bulletin, "
        f"extracted as `citekit extract` does (in {made:.0f} s)"
    )
    print(
        f"first answer: {cold['first_records']} records, {cold['size'] / 1e3:.0f} kB; "
        f"server listening {first.ready:.1f} s after `citekit review` started"
    )
    print(
        f"to check first: {cold['check_first']} records with extraction warnings, "
        f"{cold['missed']} possibly missed lines; style: {args.style or 'numeric (default)'}"
    )
    print(f"{'seconds from asking for the page':<36}" + "".join(f"{k:>14}" for k in runs))
    rows = (
        ("first answer (HTTP, usable)", "first"),
        ("all records loaded (HTTP)", "all"),
        ("duplicates panel filled (HTTP)", "findings"),
        ("  while loading: open a record", "open_record"),
        ("  while loading: save it", "save_loading"),
    )
    for label, name in rows:
        print(
            f"{label:<36}"
            + "".join(
                f"{float(r[name]):>14.2f}" if name in r else f"{'-':>14}" for r in runs.values()
            )
        )
    if seen:
        browser_rows = (
            ("DOMContentLoaded (Chromium)", "dcl"),
            ("first paint (Chromium)", "paint"),
            ("all records loaded (Chromium)", "all"),
            ("duplicates panel filled (Chromium)", "findings"),
        )
        for label, name in browser_rows:
            print(
                f"{label:<36}"
                + "".join(
                    f"{float(r[name]):>14.2f}" if name in r else f"{'-':>14}" for r in seen.values()
                )
            )
    else:
        print(f"Chromium: not measured ({why})")
    opens = [float(r["first"]) for r in runs.values()]
    opens += [float(r["dcl"]) for r in seen.values() if "dcl" in r]
    print(f"page opens: at most {max(opens):.2f} s (target < 2 s: {verdict(max(opens), 2)})")
    print(f"record:  {read * 1000:.0f} ms to read one record's fields")
    median = statistics.median(saves)
    print(
        f"save:    {median * 1000:.0f} ms median of {len(saves)} saves "
        f"(target < 200 ms: {verdict(median, 0.2)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
