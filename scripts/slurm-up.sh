#!/usr/bin/env bash
# A real one-node Slurm on this machine, for the tests of the batch path (docs/slurm/). As root on
# a Debian machine it installs munge and Slurm (slurmctld, slurmd, slurm-client) when they are
# missing, writes a configuration for this host under a new temporary folder (no systemd, no
# cgroups: proctrack/linuxproc, task/none; state, spool, logs and sockets all in that folder, ports
# 16817/16818 so that a site's own Slurm is not disturbed), starts munged, slurmctld and slurmd in
# the background and waits until the node is idle.
#
#   eval "$(bash scripts/slurm-up.sh)"     # exports SLURM_CONF and VRAEM_SLURM_DIR
#   bash scripts/slurm-down.sh             # stops exactly the daemons this started
#
# Standard output carries only `export` lines, so the caller can eval it. When Slurm cannot be
# started here (not root, no apt-get, a daemon that does not come up), it prints
# `export VRAEM_SLURM_SKIP='<reason>'` instead and exits 0: the tests then print that reason and
# skip, never silently.
set -uo pipefail

skip() {
  echo "slurm-up: not started: $1" >&2
  printf "export VRAEM_SLURM_SKIP=%q\n" "$1"
  exit 0
}
log() { echo "slurm-up: $*" >&2; }

[ "$(id -u)" = 0 ] || skip "not root (a one-node Slurm needs root to start its daemons)"

need=()
for bin in /usr/sbin/munged /usr/sbin/slurmctld /usr/sbin/slurmd /usr/bin/sbatch; do
  [ -x "$bin" ] || need=(munge slurmctld slurmd slurm-client)
done
if [ ${#need[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || skip "Slurm is not installed and there is no apt-get to install it"
  log "installing ${need[*]} from Debian's packages"
  # No init system here: keep the packages' scripts from starting daemons of their own.
  rcd=/usr/sbin/policy-rc.d
  made_rcd=0
  if [ ! -e "$rcd" ]; then printf '#!/bin/sh\nexit 101\n' > "$rcd" && chmod +x "$rcd" && made_rcd=1; fi
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"; } >&2
  ok=$?
  [ "$made_rcd" = 1 ] && rm -f "$rcd"
  [ "$ok" = 0 ] || skip "apt-get could not install ${need[*]}"
fi
[ -r /etc/munge/munge.key ] || skip "/etc/munge/munge.key is missing (the munge package creates it)"

dir=$(mktemp -d /tmp/vraem-slurm.XXXXXX) || skip "no temporary folder"
chmod 755 "$dir"
mkdir -p "$dir/munge" "$dir/state" "$dir/spool"
chown munge:munge "$dir/munge"
host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)

# munged runs as its own user (it refuses a key it does not own), on a socket in our folder.
runuser -u munge -- /usr/sbin/munged --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/seed" >&2 \
  || skip "munged did not start (see $dir/munge/munged.log)"

cat > "$dir/slurm.conf" <<EOF
# One-node Slurm for vraem's tests, written by scripts/slurm-up.sh.
ClusterName=vraem
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MaxArraySize=10001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
EOF

export SLURM_CONF="$dir/slurm.conf"
/usr/sbin/slurmctld -i >&2 || { bash "$(dirname "$0")/slurm-down.sh" "$dir"; skip "slurmctld did not start (see $dir/slurmctld.log)"; }
/usr/sbin/slurmd -N "$host" >&2 || { bash "$(dirname "$0")/slurm-down.sh" "$dir"; skip "slurmd did not start (see $dir/slurmd.log)"; }

for _ in $(seq 1 60); do
  state=$(sinfo -h -n "$host" -o %t 2>/dev/null || true)
  if [ "$state" = idle ]; then
    log "node $host idle ($cpus CPUs) — SLURM_CONF=$dir/slurm.conf"
    printf "export SLURM_CONF=%q\nexport VRAEM_SLURM_DIR=%q\n" "$dir/slurm.conf" "$dir"
    exit 0
  fi
  sleep 0.5
done
bash "$(dirname "$0")/slurm-down.sh" "$dir"
skip "the node did not become idle within 30 s (state: ${state:-unknown})"
