from . import controllers
from . import facts
from . import models
from . import report
from . import wizards
from . import demo
from .hooks import post_init_hook
