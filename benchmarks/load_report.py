"""The figures of bench_load.py, from the record of every request (one dict per request: end time `t`,
`name`, `ms`, `ok`, `status`, and for a save `saved` and `application`) and the load average sampled during
the run. Each figure is printed with the load average (1 min) of the time it covers."""

import os
import statistics
import time
from collections import Counter, defaultdict

PUBLIC = (
    "首页",
    "管理办法",
    "办事指南栏目",
    "办事指南",
    "工作动态栏目",
    "工作动态",
    "中心名录",
    "中心简介",
    "搜索",
)
AFTER_RESTART_GRACE = 15.0  # seconds after pg_ctl returns that still count as the restart's window


class Clock:
    def __init__(self):
        self.samples: list[tuple[float, float]] = []
        self.events: dict[str, float] = {}
        self.started = self.stopped = 0.0

    def start(self):
        self.started = time.time()
        self.sample()

    def stop(self):
        self.stopped = time.time()
        self.sample()

    def elapsed(self) -> float:
        return time.time() - self.started

    def sample(self):
        if not self.samples or time.time() - self.samples[-1][0] >= 5:
            self.samples.append((time.time(), os.getloadavg()[0]))

    def mark(self, name: str):
        self.events[name] = time.time()
        self.samples.append((time.time(), os.getloadavg()[0]))

    def load(self, start: float, end: float) -> tuple[float, float]:
        """Mean and max of the load average sampled between start and end (the nearest sample if none)."""
        inside = [value for at, value in self.samples if start <= at <= end]
        if not inside:
            inside = [min(self.samples, key=lambda s: abs(s[0] - (start + end) / 2))[1]]
        return statistics.fmean(inside), max(inside)


def _start(record) -> float:
    return record["t"] - record["ms"] / 1000


def _p(values, q) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _statuses(records) -> str:
    counts = Counter(r["status"] or "连接错误/超时" for r in records if not r["ok"])
    return "、".join(f"{status}×{n}" for status, n in counts.most_common()) or "无"


def _table(records, load_text):
    by_name = defaultdict(list)
    for record in records:
        by_name[record["name"]].append(record)
    print("| 端点 | 请求数 | 失败 | p50 (ms) | p95 (ms) | 最大 (ms) | 负载 均值/最大 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in sorted(by_name, key=lambda n: (n not in PUBLIC, n)):
        rows = by_name[name]
        times = sorted(r["ms"] for r in rows)
        failed = sum(not r["ok"] for r in rows)
        print(
            f"| {name} | {len(rows)} | {failed} | {_p(times, 50):.0f} | {_p(times, 95):.0f} | {times[-1]:.0f} "
            f"| {load_text} |"
        )


def _windows(clock):
    windows = {}
    if "pg_restart" in clock.events:
        windows["pg"] = (clock.events["pg_restart"], clock.events["pg_back"] + AFTER_RESTART_GRACE)
    if "redis_down" in clock.events:
        windows["redis"] = (clock.events["redis_down"], clock.events.get("redis_back", clock.stopped))
    return windows


def _inside(record, window) -> bool:
    start, end = window
    return _start(record) <= end and record["t"] >= start


def report(args, plan, records, clock, before, after, probed=()) -> bool:
    first, last = min(map(_start, records)), max(r["t"] for r in records)
    mean, peak = clock.load(clock.started, clock.stopped)
    load_text = f"{mean:.1f}/{peak:.1f}"
    windows = _windows(clock)
    print()
    print(
        f"locust {args.users} 用户（申请单位 {args.applicants}、工作人员 {min(args.staff, len(plan['staff']))}、其余公众），"
        f"{args.duration} s；gunicorn {args.workers} workers × {args.threads} threads，portal.settings.production，"
        f"PostgreSQL + Redis；{os.cpu_count()} CPUs 与其他会话共用：负载（1 分钟）均值 {mean:.2f}、最大 {peak:.2f}"
    )
    ok_count = sum(r["ok"] for r in records)
    print(
        f"请求 {len(records)}，成功 {ok_count}，失败 {len(records) - ok_count}（{_statuses(records)}）；"
        f"{len(records) / (last - first):.1f} 请求/秒，成功 {ok_count / (last - first):.1f} 请求/秒"
        f"（负载 {load_text}）"
    )
    print()
    _table(records, load_text)

    steady = [r for r in records if not any(_inside(r, w) for w in windows.values())]
    failed_steady = [r for r in steady if not r["ok"]]
    print()
    print(
        f"故障窗口以外：请求 {len(steady)}，失败 {len(failed_steady)}（{_statuses(steady)}）"
        f"（负载 {load_text}）"
    )
    for record in failed_steady[:10]:
        print(
            f"  失败 {record['name']} 状态 {record['status']} 用时 {record['ms']:.0f} ms 于 {record['t'] - first:.0f} s"
        )
    held = _restart(clock, records, first) if "pg" in windows else True
    if "redis" in windows:
        _redis(clock, records, windows["redis"], first, probed)
    lost = _nothing_lost(records, before, after, load_text)
    return not failed_steady and held and not lost


def _restart(clock, records, first) -> bool:
    restart, back = clock.events["pg_restart"], clock.events["pg_back"]
    mean, peak = clock.load(restart - 5, back + AFTER_RESTART_GRACE)
    in_flight = [r for r in records if _start(r) <= restart <= r["t"]]
    window = [r for r in records if _inside(r, (restart, back + AFTER_RESTART_GRACE))]
    failed = [r for r in window if not r["ok"]]
    redis = _windows(clock).get("redis")
    later = [
        r for r in records if _start(r) > back + AFTER_RESTART_GRACE and not (redis and _inside(r, redis))
    ]
    later_failed = [r for r in later if not r["ok"]]
    first_ok = min((r["t"] for r in records if r["ok"] and _start(r) >= back), default=None)
    print()
    print(
        f"PostgreSQL 重启（第 {restart - first:.0f} s，pg_ctl restart -m fast 用时 {back - restart:.1f} s；"
        f"负载 {mean:.1f}/{peak:.1f}）：重启时在途请求 {len(in_flight)}，其中失败 {sum(not r['ok'] for r in in_flight)}；"
        f"重启至恢复后 {AFTER_RESTART_GRACE:.0f} s 内的请求 {len(window)}，失败 {len(failed)}（{_statuses(window)}）"
    )
    print(
        f"  恢复后首个成功请求在 pg_ctl 返回后 {((first_ok or back) - back):.2f} s；"
        f"此后开始的请求（Redis 停止期除外）{len(later)}，失败 {len(later_failed)}（{_statuses(later)}）"
    )
    return not later_failed and len(failed) <= len(in_flight)


def _redis(clock, records, window, first, probed):
    down, back = window
    mean, peak = clock.load(down, back)
    inside = [r for r in records if _inside(r, window)]
    public = [r for r in inside if r["name"] in PUBLIC]
    others = [r for r in inside if r["name"] not in PUBLIC]
    print()
    print(
        f"Redis 停止（第 {down - first:.0f} s 起 {back - down:.0f} s，负载 {mean:.1f}/{peak:.1f}），与停止期重叠的"
        f"公众页面与搜索请求 {len(public)}，失败 {sum(not r['ok'] for r in public)}（{_statuses(public)}）；"
        f"其他请求 {len(others)}，失败 {sum(not r['ok'] for r in others)}（{_statuses(others)}）"
    )
    _table(public, f"{mean:.1f}/{peak:.1f}")
    print()
    print(f"Redis 停止期间逐个探测（负载 {mean:.1f}/{peak:.1f}）：")
    print("| 路径 | 请求数 | 200 | 其他状态 | p50 (ms) | 最大 (ms) |")
    print("|---|---:|---:|---|---:|---:|")
    by_path = defaultdict(list)
    for result in probed:
        by_path[result["path"]].append(result)
    for path, rows in by_path.items():
        times = sorted(r["ms"] for r in rows)
        other = Counter(r["status"] for r in rows if r["status"] != 200)
        print(
            f"| `{path}` | {len(rows)} | {sum(r['status'] == 200 for r in rows)} "
            f"| {'、'.join(f'{k}×{v}' for k, v in other.items()) or '无'} | {_p(times, 50):.0f} | {times[-1]:.0f} |"
        )


def _nothing_lost(records, before, after, load_text) -> list:
    """Per kind: every successful save is in the database (nothing lost), and every record the database
    gained belongs to a request of the run: a successful one, or one the client gave up on (a time-out) that
    the server still completed."""
    lost = []
    print()
    print(
        "| 新建记录 | 成功请求 | 失败请求 | 数据库新增 | 成功而缺失 | 失败但已保存 | 来历不明 | 负载 均值/最大 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, label in (("partner", "联合建设单位（保存一节）"), ("file", "附件（上传文件）")):
        saves = [r for r in records if r.get("saved") == kind]
        ok = {(r["application"], r["key"]) for r in saves if r["ok"]}
        failed = {(r["application"], r["key"]) for r in saves if not r["ok"]}
        gained = after[kind] - before[kind]
        missing, kept, unknown = ok - gained, gained & failed, gained - ok - failed
        if missing or unknown:
            lost.append(kind)
        print(
            f"| {label} | {len(ok)} | {len(failed)} | {len(gained)} | {len(missing)} | {len(kept)} "
            f"| {len(unknown)} | {load_text} |"
        )
    return lost
