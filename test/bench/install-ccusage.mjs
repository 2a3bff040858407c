// Installs the reference tool, ccusage, into the bench's work directory (never as a project
// dependency) and returns the command that really does the work.
//
// What ccusage@20 is: the npm package `ccusage` holds only a small Node launcher (src/cli.js, no
// dependencies) plus optionalDependencies `@ccusage/ccusage-<os>-<arch>`, each shipping one static
// native binary (Rust) at `bin/ccusage`. The launcher resolves that binary, chmods it if needed and
// spawns it with the same arguments. The bench runs the native binary directly, so the figure is
// ccusage's own work without the launcher's Node start-up (~40 ms): the stricter comparison for us.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';

const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function startsWithElfMagic(path) {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    return head.equals(ELF_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/**
 * Ensures `ccusage@<version>` is installed under `prefixDir` and resolves to
 * `{ binaryPath, launcherPath, version, nativePackage, versionOutput }`. Throws with a readable
 * message when it cannot be installed or is not what it claims to be.
 */
export function installCcusage({ version, prefixDir, log = () => {} }) {
  const packageDir = join(prefixDir, 'node_modules', 'ccusage');
  const installedVersion = existsSync(join(packageDir, 'package.json'))
    ? readJson(join(packageDir, 'package.json')).version
    : null;
  if (installedVersion !== version) {
    mkdirSync(prefixDir, { recursive: true });
    log(`installing ccusage@${version} into ${prefixDir}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(
      npm,
      [
        'install',
        '--prefix',
        prefixDir,
        '--no-audit',
        '--no-fund',
        '--no-save',
        '--loglevel=error',
        `ccusage@${version}`,
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0)
      throw new Error(`npm install ccusage@${version} failed:\n${result.stderr || result.stdout}`);
  }
  const launcherManifest = readJson(join(packageDir, 'package.json'));
  if (launcherManifest.version !== version)
    throw new Error(`expected ccusage ${version}, found ${launcherManifest.version}`);
  const nativePackage = `@ccusage/ccusage-${process.platform}-${process.arch}`;
  const nativeDir = join(prefixDir, 'node_modules', nativePackage);
  if (!(nativePackage in (launcherManifest.optionalDependencies ?? {}))) {
    throw new Error(`ccusage ${version} ships no native package for ${process.platform}-${process.arch}`);
  }
  if (!existsSync(join(nativeDir, 'package.json')))
    throw new Error(`${nativePackage} was not installed (optional dependencies disabled?)`);
  const nativeVersion = readJson(join(nativeDir, 'package.json')).version;
  if (nativeVersion !== version)
    throw new Error(`expected ${nativePackage}@${version}, found ${nativeVersion}`);
  const binaryPath = join(nativeDir, process.platform === 'win32' ? 'bin/ccusage.exe' : 'bin/ccusage');
  if (process.platform === 'linux' && !startsWithElfMagic(binaryPath))
    throw new Error(`${binaryPath} is not an ELF executable`);
  // npm unpacks it without the executable bit; the launcher would chmod it on first run too.
  if ((statSync(binaryPath).mode & 0o111) === 0) chmodSync(binaryPath, 0o755);
  const probe = spawnSync(binaryPath, ['--version'], { encoding: 'utf8' });
  const versionOutput = probe.stdout.trim();
  if (probe.status !== 0 || !versionOutput.includes(version)) {
    throw new Error(
      `${binaryPath} --version printed "${versionOutput}" (exit ${probe.status}), expected ${version}`,
    );
  }
  return {
    binaryPath,
    launcherPath: join(packageDir, 'src', 'cli.js'),
    version,
    nativePackage,
    versionOutput,
  };
}
