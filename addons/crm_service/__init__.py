from . import models
from . import report
from . import controllers
from . import demo
from .hooks import uninstall_hook
