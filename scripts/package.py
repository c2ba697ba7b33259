"""`make package`: the plugin zip a user installs with QGIS's "Install from ZIP".

The zip holds one top folder `sit_chartreuse/` with the files git knows
(tracked, or new and not ignored), minus those marked `export-ignore` in
.gitattributes (tests, CI, benchmarks, scripts...), plus the compiled
translations `i18n/*.qm`. Usage: package.py <output.zip>
"""
import glob
import os
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = "sit_chartreuse"


def _git(*args, stdin=None):
    return subprocess.run(["git", *args], cwd=ROOT, input=stdin, check=True,
                          capture_output=True, text=True).stdout


def plugin_files():
    """Repository-relative paths of the files shipped in the plugin."""
    files = [f for f in _git("ls-files", "--cached", "--others", "--exclude-standard",
                             "-z").split("\0")
             if f and os.path.isfile(os.path.join(ROOT, f))]
    # As with `git archive`, a file is left out when it or one of its folders
    # is export-ignore. `git check-attr --stdin -z` answers path NUL attribute
    # NUL value NUL, per path.
    paths = sorted({"/".join(f.split("/")[:i + 1]) for f in files
                    for i in range(f.count("/") + 1)})
    answer = _git("check-attr", "--stdin", "-z", "export-ignore",
                  stdin="\0".join(paths) + "\0").split("\0")
    ignored = {answer[i] for i in range(0, len(answer) - 2, 3) if answer[i + 2] == "set"}
    files = [f for f in files
             if not any("/".join(f.split("/")[:i + 1]) in ignored
                        for i in range(f.count("/") + 1))
             and "__pycache__" not in f.split("/") and not f.endswith(".pyc")]
    qm = sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "i18n", "*.qm")))
    return sorted(set(files) | set(qm))


def build(output):
    output = os.path.abspath(output)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    tmp = output + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for f in plugin_files():
            z.write(os.path.join(ROOT, f), "%s/%s" % (PLUGIN, f))
    os.replace(tmp, output)
    return output


if __name__ == "__main__":
    path = build(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "dist",
                                                                    PLUGIN + ".zip"))
    with zipfile.ZipFile(path) as z:
        print("Plugin package: %s (%d files)" % (path, len(z.namelist())))
