# Sourced by the scripts that make a server ready for the mixed workload (bench/mixed-server.sh, bench/scale.sh with
# SCALE_HOLD=1): mixed_env DB API INGEST_KEY READ_KEY SERVICE_ID SLO_ID STATE writes bench/.state/mixed/DB.env, the
# settings bench/mixed-side-by-side.sh reads for database DB's server (STATE: its AIA_HOME, to find its process).
mixed_env() {
  mkdir -p "$root/bench/.state/mixed"
  printf 'API=%s\nINGEST=%s\nREAD=%s\nSERVICE=%s\nSLO=%s\nSTATE=%s\n' "$2" "$3" "$4" "$5" "$6" "$7" > "$root/bench/.state/mixed/$1.env"
}
