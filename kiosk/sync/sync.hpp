// Content sources (USB sticks, the HTTP feed, signatures, staging). The USB and feed issues fill this layer.
#pragma once
