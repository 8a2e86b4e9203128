# bench/derive.jq: from the raw measurements (.raw) to per-N figures,
# engine CPU minus the idle baseline, ratios to docker stats, slopes and
# the issue's targets at N = 100. Input and output: the run's JSON.
def r2: if . == null then null else (. * 100 | round) / 100 end;
def ratio($a; $b): if $a == null or $b == null or $b == 0 then null else ($a / $b) end;
# least-squares slope of y over x, times 100 (per 100 containers)
def slope100: if length < 2 then null else
	(map(.[0]) | add / length) as $mx | (map(.[1]) | add / length) as $my |
	(map((.[0] - $mx) * (.[0] - $mx)) | add) as $sxx |
	if $sxx == 0 then null else
	(map((.[0] - $mx) * (.[1] - $my)) | add) / $sxx * 100 end end;

.raw as $raw
| ($raw | map(.n) | unique) as $ns
| .results = [ $ns[] as $n
	| ($raw | map(select(.n == $n and .tool == "idle")) | first) as $idle
	| ($raw | map(select(.n == $n and .tool == "docker-stats")) | first) as $ds
	| ($ds | if . == null then null else .engine_cpu_pct - ($idle.engine_cpu_pct // 0) end) as $ds_added
	| { n: $n, create_s: $idle.create_s, idle_engine_cpu_pct: ($idle.engine_cpu_pct | r2),
	    tools: ([ $raw[] | select(.n == $n and .tool != "idle")
		| (.engine_cpu_pct - ($idle.engine_cpu_pct // 0)) as $added
		| { key: .tool, value: (. + {
			engine_added_cpu_pct: $added,
			tool_cpu_vs_docker_stats: ratio(.tool_cpu_pct; $ds.tool_cpu_pct),
			engine_added_vs_docker_stats: ratio($added; $ds_added),
			term_bytes_vs_docker_stats: ratio(.term_bytes_per_s; $ds.term_bytes_per_s)
		  } | del(.n, .tool) | with_entries(if (.value | type) == "number" and (.key | test("_vs_") | not)
			then .value |= (. * 1000 | round) / 1000 else . end)) } ]
		| from_entries) } ]
| .slopes = ( [ $raw[] | select(.tool != "idle") | .tool ] | unique | map(. as $t | {
	key: $t, value: {
	  tool_cpu_pct_per_100: ([ $raw[] | select(.tool == $t) | [.n, .tool_cpu_pct] ] | slope100 | r2),
	  engine_added_cpu_pct_per_100: ([ $raw[] | select(.tool == $t) | .n as $n
		| [.n, (.engine_cpu_pct - ([ $raw[] | select(.n == $n and .tool == "idle") | .engine_cpu_pct ] | first // 0))] ]
		| slope100 | r2) } }) | from_entries )
| (.results | map(select(.n == 100)) | first) as $r
| .targets = (if $r == null then null else
	[ { figure: "berth CPU (% of a core)", target: "<= 1", value: $r.tools.berth.tool_cpu_pct,
	    ok: ($r.tools.berth.tool_cpu_pct != null and $r.tools.berth.tool_cpu_pct <= 1) },
	  { figure: "engine added CPU (% of a core)", target: "<= 1", value: $r.tools.berth.engine_added_cpu_pct,
	    ok: ($r.tools.berth.engine_added_cpu_pct != null and $r.tools.berth.engine_added_cpu_pct <= 1) },
	  { figure: "engine added CPU vs docker stats", target: "<= 0.025", value: $r.tools.berth.engine_added_vs_docker_stats,
	    ok: ($r.tools.berth.engine_added_vs_docker_stats != null and $r.tools.berth.engine_added_vs_docker_stats <= 0.025) },
	  { figure: "API path: engine added CPU vs docker stats", target: "<= 0.25", value: $r.tools["berth-api"].engine_added_vs_docker_stats,
	    ok: ($r.tools["berth-api"].engine_added_vs_docker_stats != null and $r.tools["berth-api"].engine_added_vs_docker_stats <= 0.25) },
	  { figure: "peak RSS (MiB)", target: "<= 10", value: (if $r.tools.berth.peak_rss_kib == null then null else $r.tools.berth.peak_rss_kib / 1024 | r2 end),
	    ok: ($r.tools.berth.peak_rss_kib != null and $r.tools.berth.peak_rss_kib <= 10240) },
	  { figure: "terminal bytes/s vs docker stats", target: "<= 0.1", value: $r.tools.berth.term_bytes_vs_docker_stats,
	    ok: ($r.tools.berth.term_bytes_vs_docker_stats != null and $r.tools.berth.term_bytes_vs_docker_stats <= 0.1) },
	  { figure: "first paint (ms)", target: "<= 100", value: $r.tools.berth.first_paint_ms,
	    ok: ($r.tools.berth.first_paint_ms != null and $r.tools.berth.first_paint_ms <= 100) },
	  { figure: "every row has stats (ms)", target: "<= 1200", value: $r.tools.berth.all_stats_ms,
	    ok: ($r.tools.berth.all_stats_ms != null and $r.tools.berth.all_stats_ms <= 1200) },
	  { figure: "event latency p95 (ms)", target: "<= 250", value: $r.tools.berth.event_p95_ms,
	    ok: ($r.tools.berth.event_p95_ms != null and $r.tools.berth.event_p95_ms <= 250) } ]
	end)
