#!/bin/sh
# Debian's nginx for `make serve-class`, installed only when missing, and only as root. The package's own
# service is kept from starting (policy-rc.d): serve_class.py runs its own nginx on its own port.
set -eu
command -v nginx >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "serve-class needs nginx: install Debian's package (sudo apt-get install nginx) and run make serve-class again" >&2
  exit 1
fi
guard=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && guard=1
fi
status=0
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null || status=$?
[ -n "$guard" ] && rm -f /usr/sbin/policy-rc.d
exit $status
