from . import portal
from . import queue_job
