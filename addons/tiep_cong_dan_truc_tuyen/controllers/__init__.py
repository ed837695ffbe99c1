from . import portal, recording
