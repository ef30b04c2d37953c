#!/bin/sh
# Install the Debian packages the build and the tests need, when missing.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	$sudo apt-get update -qq || exit 1
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing || exit 1
fi
# The gettext test runs a command under zh_CN.UTF-8.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	echo "deps: generating the zh_CN.UTF-8 locale"
	if [ -f /etc/locale.gen ] && grep -q 'zh_CN.UTF-8' /etc/locale.gen; then
		$sudo sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' /etc/locale.gen
		$sudo locale-gen >/dev/null || exit 1
	else
		$sudo localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 || exit 1
	fi
fi
exit 0
