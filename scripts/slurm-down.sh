#!/usr/bin/env bash
# Stop the one-node Slurm that scripts/slurm-up.sh started: exactly the daemons whose pid files
# are in its folder (the argument, or $VRAEM_SLURM_DIR), then remove the folder.
set -u
dir=${1:-${VRAEM_SLURM_DIR:-}}
[ -n "$dir" ] && [ -d "$dir" ] || exit 0
case "$dir" in /tmp/vraem-slurm.*) ;; *) echo "slurm-down: $dir is not a folder of slurm-up.sh" >&2; exit 2 ;; esac
# A daemon is gone when its process is gone or a zombie (nothing may reap it in a container).
alive() { [ -r "/proc/$1/stat" ] && ! awk '{ exit ($3 == "Z") ? 0 : 1 }' "/proc/$1/stat"; }
for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
  [ -s "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  alive "$pid" || continue
  kill "$pid" 2>/dev/null || continue
  for _ in $(seq 1 40); do alive "$pid" || break; sleep 0.25; done
  alive "$pid" && kill -9 "$pid" 2>/dev/null

done
rm -rf "$dir"
