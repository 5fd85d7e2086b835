/**
 * Vocabulary of the shells a Lambda's code might reach (sh/bash and, for Windows-built tools,
 * cmd/PowerShell). These are the language's command names, not payloads: the detector decides
 * from the *position* of a word and its arguments whether it is being run.
 */
import { codeAt } from './chars.js';

const UNIX = `
sh bash dash zsh ksh csh tcsh fish busybox ash
cat tac nl date ll head tail less more od xxd hexdump strings base32 base64 basenc uuencode uudecode rev tr sed awk gawk nawk
grep egrep fgrep rg cut sort uniq comm column paste join split fold fmt wc diff cmp patch tee xargs
ls dir find locate stat file du df tree realpath readlink dirname basename pwd cd pushd popd
cp mv rm rmdir mkdir touch ln chmod chown chgrp chattr install mktemp shred truncate dd sync mount umount
tar gzip gunzip zcat bzip2 bunzip2 bzcat xz unxz xzcat zstd zstdcat unzstd zip unzip 7z 7za rar unrar cpio ar lz4
curl wget fetch lwp-download lwp-request lynx w3m links aria2c ftp tftp sftp scp ssh ssh-keygen ssh-copy-id rsync
nc ncat netcat socat telnet nmap ping ping6 traceroute tracepath dig nslookup host whois ip ifconfig route netstat ss arp iptables tcpdump
id whoami who last lastlog lastlogin groups users finger uname hostname hostnamectl uptime env printenv set export unset
ps top htop pstree pgrep pkill kill killall nohup nice renice timeout time strace ltrace gdb lsof free vmstat iostat
sudo su doas visudo passwd useradd userdel usermod adduser deluser chpasswd crontab at atq systemctl service journalctl shutdown reboot halt poweroff init
python python2 python3 perl ruby irb php node nodejs deno bun lua luajit tclsh wish java jshell scala groovy rscript
gcc cc c89 c99 clang make cmake rustc cargo pip pip2 pip3 pipx npm npx yarn pnpm gem composer apt apt-get aptitude yum dnf rpm dpkg apk snap brew
echo printf read eval exec source alias trap ulimit umask history fc jobs bg fg wait sleep watch yes seq expr bc dc
vi vim nvim ex view nano emacs ed pico mail mailx sendmail openssl gpg certbot base64 xclip
docker podman kubectl crictl helm aws gcloud az terraform ansible ansible-playbook ansible-galaxy ansible-vault ansible-doc ansible-inventory ansible-pull ansible-console ansible-config chef chef-client chef-shell chef-run chef-vault knife puppet salt cscli
git svn hg wall write mesg script screen tmux rmt rmt-tar rmt-dump cpulimit flock perf bridge lsblk fdisk mkfs mknod insmod modprobe rmmod sysctl dmesg aa-disable aa-enforce setcap getcap
`;

const WINDOWS = `
cmd powershell pwsh certutil mshta regsvr32 rundll32 bitsadmin wmic reg regedit bcdboot bcdedit net net1 netsh schtasks taskkill tasklist
wscript cscript msiexec iex iwr irm iwmi icm sc vssadmin wevtutil cacls icacls takeown attrib xcopy robocopy copy del erase type
systeminfo ipconfig nbtstat qwinsta query runas forfiles diskpart format msbuild installutil regasm regsvcs odbcconf cmstp
`;

function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

export const UNIX_COMMANDS = words(UNIX);
export const WINDOWS_COMMANDS = words(WINDOWS);

/** Commands that run their first argument as another command. */
export const PREFIX_COMMANDS = words('. time nohup strace ltrace sudo doas env exec nice timeout xargs busybox command builtin watch chroot setsid stdbuf unbuffer cpulimit flock');

/**
 * Command names that are not also everyday words or abbreviations: at the start of a value
 * with arguments they can only be a command line (`pip install x`, `whoami /all`).
 */
export const UNAMBIGUOUS_COMMANDS = words(`
whoami ifconfig ipconfig visudo nslookup netstat wget chmod chown chgrp useradd usermod userdel adduser deluser crontab
systemctl journalctl iptables tcpdump ansible ansible-playbook ansible-galaxy ansible-vault ansible-doc ansible-inventory
ansible-pull ansible-console ansible-config chef-client chef-shell chef-run chef-vault cscli pip pip2 pip3 pipx npm npx
busybox ncat netcat socat nmap python python2 python3 perl php bash zsh ksh powershell pwsh certutil bitsadmin mshta
regsvr32 rundll32 wmic schtasks taskkill tasklist msiexec base64 base32 xxd hexdump strace ltrace gdb lsof uname printenv
kubectl docker podman aptitude apt-get yum dnf rpm dpkg gcc chattr setcap getcap insmod modprobe rmmod sysctl dmesg
aa-disable aa-enforce lwp-download lwp-request aria2c zstdcat bzcat xzcat zcat gunzip unxz unzstd
`);

/** Interpreters and shells: running one with an inline program is code execution. */
export const INTERPRETERS = words('sh bash dash zsh ksh csh tcsh fish busybox ash python python2 python3 perl ruby php node nodejs lua irb cmd powershell pwsh');

/** PowerShell cmdlets that fetch or run code; they have no use in user data. */
export const CMDLETS = words('invoke-expression invoke-webrequest invoke-restmethod invoke-command invoke-item invoke-wmimethod start-process new-object set-executionpolicy add-mppreference start-bitstransfer');

/** Directories that hold executables: `/bin/x`, `/usr/local/sbin/x`. */
export const BIN_DIR = /^(?:\/usr(?:\/local)?)?\/s?bin\/|^(?:\.\/)?s?bin\//;

/**
 * The command name a shell would look up for a word: basename of a path, version suffix
 * dropped (`python3.10`, `gcc7.4`), case folded because cmd.exe is case-insensitive.
 */
const nameCache = new Map<string, string>();

export function commandName(word: string): string {
  const cached = nameCache.get(word);
  if (cached !== undefined) return cached;
  const name = computeCommandName(word);
  // bounded: a flood of distinct words must not grow memory without limit
  if (nameCache.size >= 2048) nameCache.clear();
  nameCache.set(word, name);
  return name;
}

function computeCommandName(word: string): string {
  const base = word.slice(word.lastIndexOf('/') + 1).toLowerCase();
  if (UNIX_COMMANDS.has(base)) return base;
  const last = codeAt(base, base.length - 1);
  if (last >= 48 && last <= 57) return base.replace(/(?<=[a-z])\d+(?:\.\d+)*$/, '');
  return base.endsWith('.exe') ? base.slice(0, -4) : base;
}

export function isCommand(word: string): boolean {
  if (word === '' || word.length > 64) return false;
  const lower = word.toLowerCase();
  if (UNIX_COMMANDS.has(lower) || WINDOWS_COMMANDS.has(lower) || CMDLETS.has(lower)) return true;
  const name = commandName(word);
  return UNIX_COMMANDS.has(name) || WINDOWS_COMMANDS.has(name);
}
