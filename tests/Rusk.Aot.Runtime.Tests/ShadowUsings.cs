// The shared corlib files name BCL types by simple name; inside RuskCorlib.* those that are not
// shadowed (exceptions, Array, comparers, interfaces, spans) resolve to the real BCL through these.
global using System;
global using System.Collections.Generic;
