"""`make install`: install the plugin zip into a QGIS profile and enable it.

Usage: install_plugin.py <sit_chartreuse.zip> <profile folder>
The previous copy in <profile>/python/plugins/sit_chartreuse is replaced; the
plugin is enabled in <profile>/QGIS/QGIS3.ini ([PythonPlugins] sit_chartreuse=true),
the same switch QGIS's plugin manager sets.
"""
import os
import shutil
import sys
import tempfile
import zipfile

PLUGIN = "sit_chartreuse"


def install(zip_path, profile):
    plugins = os.path.join(profile, "python", "plugins")
    os.makedirs(plugins, exist_ok=True)
    target = os.path.join(plugins, PLUGIN)
    # Unpack next to the target, then swap: a failed unzip leaves the old copy.
    staging = tempfile.mkdtemp(prefix=".%s-" % PLUGIN, dir=plugins)
    try:
        with zipfile.ZipFile(zip_path) as z:
            z.extractall(staging)
        if os.path.isdir(target):
            shutil.rmtree(target)
        os.replace(os.path.join(staging, PLUGIN), target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    enable(profile)
    return target


def enable(profile):
    """Set [PythonPlugins] sit_chartreuse=true, keeping the rest of QGIS3.ini as is
    (a plain text edit: configparser would rewrite QGIS's keys and quoting)."""
    ini = os.path.join(profile, "QGIS", "QGIS3.ini")
    os.makedirs(os.path.dirname(ini), exist_ok=True)
    lines = []
    if os.path.exists(ini):
        with open(ini, encoding="utf-8") as f:
            lines = f.read().splitlines()
    key = PLUGIN + "="
    section = next((i for i, line in enumerate(lines) if line.strip() == "[PythonPlugins]"), None)
    if section is None:
        lines += ([""] if lines else []) + ["[PythonPlugins]", key + "true"]
    else:
        end = next((i for i in range(section + 1, len(lines))
                    if lines[i].startswith("[")), len(lines))
        found = next((i for i in range(section + 1, end) if lines[i].startswith(key)), None)
        if found is None:
            lines.insert(section + 1, key + "true")
        else:
            lines[found] = key + "true"
    with open(ini, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    where = install(sys.argv[1], sys.argv[2])
    print("Plugin installed and enabled: %s" % where)
