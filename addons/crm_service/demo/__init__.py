from . import demo_loader
