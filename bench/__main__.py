import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scr.settings.test")


def _names() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    if not argv:
        for name in _names():
            module = importlib.import_module(f"bench.{name}")
            print(f"{name}: {(module.__doc__ or '').strip().splitlines()[0]}")
        return 0
    name = argv[0]
    if name not in _names():
        print(f"No benchmark called {name!r}. Run `python -m bench` to list them.", file=sys.stderr)
        return 2
    import django

    django.setup()
    from bench._harness import throwaway_database

    module = importlib.import_module(f"bench.{name}")
    with throwaway_database():
        figures = module.run()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
