# bench/report.jq: the markdown table for a run's JSON (see derive.jq).
def f($d): if . == null then "-" elif type == "number" then
	(. * pow(10; $d) | round / pow(10; $d) | tostring) else tostring end;
# ratios: three decimals, or 1/N when smaller than 0.01
def r: if . == null then "-" elif . > 0 and . < 0.01 then "1/" + (1 / . | round | tostring)
	else f(3) end;
def x: if . == null then "" else " (" + r + "x)" end;

"Command: `" + .command + "`  ",
"Host: " + .host + ", " + (.cpus | tostring) + " CPUs, docker " + .docker + ", " + .berth + ", " + .size + " " + .term + ", load at end " + .load_at_end,
"",
"| N | tool | tool CPU % | engine added CPU % | peak RSS MiB | terminal B/s | first paint ms | all rows have stats ms | event p50 / p95 ms |",
"|---:|---|---:|---:|---:|---:|---:|---:|---:|",
(.results[] as $r | ($r.tools | to_entries[]) as $e | $e.value as $v |
	"| \($r.n) | \($e.key) | \($v.tool_cpu_pct | f(2))\($v.tool_cpu_vs_docker_stats | if $e.key == "docker-stats" then "" else x end) | \($v.engine_added_cpu_pct | f(2))\($v.engine_added_vs_docker_stats | if $e.key == "docker-stats" then "" else x end) | \(if $v.peak_rss_kib == null then null else $v.peak_rss_kib / 1024 end | f(1)) | \($v.term_bytes_per_s | f(0))\($v.term_bytes_vs_docker_stats | if $e.key == "docker-stats" then "" else x end) | \($v.first_paint_ms | f(0)) | \($v.all_stats_ms | f(0)) | \($v.event_p50_ms | f(0)) / \($v.event_p95_ms | f(0)) |"),
"",
"(x) = ratio to `docker stats` in the same run. Idle engine CPU (baseline, subtracted): " +
	([.results[] | "N=\(.n): \(.idle_engine_cpu_pct | f(2))%"] | join(", ")) +
	". Creating the containers took " + ([.results[] | "\(.create_s | f(0)) s (to N=\(.n))"] | join(", ")) + ".",
"",
"Slope, % of a core per 100 containers: " +
	([.slopes | to_entries[] | "\(.key) tool \(.value.tool_cpu_pct_per_100 | f(2)), engine added \(.value.engine_added_cpu_pct_per_100 | f(2))"] | join("; ")),
(if .targets != null then
	"", "Targets at N = 100:", "",
	"| figure | target | measured | met |", "|---|---|---:|---|",
	(.targets[] | (.figure | test("vs")) as $ratio |
		"| \(.figure) | \(.target) | \(.value | if $ratio then r else f(3) end) | \(if .ok then "yes" else "**no**" end) |")
 else empty end)
