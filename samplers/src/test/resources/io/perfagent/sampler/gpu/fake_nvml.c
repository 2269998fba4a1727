/*
 * A scripted stand-in for libnvidia-ml.so: exports exactly the NVML calls the nvml source
 * makes, with the real signatures and struct layouts (nvml.h), plus a few fake_* hooks the
 * test drives through JNA. Build with -DFAKE_INIT_FAILS for a driver whose nvmlInit_v2 fails.
 *
 * Device 0: healthy. Device 1: utilization says GPU_IS_LOST, this process's memory is
 * NVML_VALUE_NOT_AVAILABLE. Device 0's process list is longer than the source's first buffer,
 * so the source must see NVML_ERROR_INSUFFICIENT_SIZE and retry.
 */
#include <string.h>
#include <unistd.h>

typedef int nvmlReturn_t;
typedef struct fake_dev *nvmlDevice_t;

#define NVML_SUCCESS 0
#define NVML_ERROR_UNINITIALIZED 1
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_NOT_SUPPORTED 3
#define NVML_ERROR_DRIVER_NOT_LOADED 9
#define NVML_ERROR_INSUFFICIENT_SIZE 7
#define NVML_ERROR_GPU_IS_LOST 15
#define NVML_VALUE_NOT_AVAILABLE 0xFFFFFFFFFFFFFFFFULL

typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;
typedef struct { unsigned long long total; unsigned long long free; unsigned long long used; } nvmlMemory_t;
/* nvmlProcessInfo_t as taken by nvmlDeviceGetComputeRunningProcesses_v3: 24 bytes */
typedef struct {
  unsigned int pid;
  unsigned long long usedGpuMemory;
  unsigned int gpuInstanceId;
  unsigned int computeInstanceId;
} nvmlProcessInfo_t;

struct fake_dev {
  const char *name;
  const char *uuid;
  unsigned int util_gpu;
  nvmlReturn_t util_rc;
  unsigned long long total, used;
  unsigned int power_mw;
  unsigned int temp_c;
  unsigned int sm_mhz;
  unsigned int nprocs;          /* other processes before ours */
  unsigned long long own_used;  /* this process's usedGpuMemory */
  int all_fail;                 /* every call answers GPU_IS_LOST */
  int calls;
};

static struct fake_dev devs[2] = {
  {"Fake GPU A100", "GPU-00000000-aaaa-0000-0000-000000000000", 37, NVML_SUCCESS,
   80ULL << 30, 20ULL << 30, 123456, 61, 1410, 40, 3ULL << 30, 0, 0},
  {"Fake GPU T4", "GPU-11111111-bbbb-1111-1111-111111111111", 0, NVML_ERROR_GPU_IS_LOST,
   16ULL << 30, 4ULL << 30, 70000, 45, 585, 1, NVML_VALUE_NOT_AVAILABLE, 0, 0},
};
static int initialized;
static int shutdowns;

#define DEV(d)                                                   \
  do {                                                           \
    if (!initialized) return NVML_ERROR_UNINITIALIZED;           \
    if ((d) != &devs[0] && (d) != &devs[1]) return NVML_ERROR_INVALID_ARGUMENT; \
    (d)->calls++;                                                \
    if ((d)->all_fail) return NVML_ERROR_GPU_IS_LOST;            \
  } while (0)

nvmlReturn_t nvmlInit_v2(void) {
#ifdef FAKE_INIT_FAILS
  return NVML_ERROR_DRIVER_NOT_LOADED;
#else
  initialized = 1;
  return NVML_SUCCESS;
#endif
}

nvmlReturn_t nvmlShutdown(void) {
  initialized = 0;
  shutdowns++;
  return NVML_SUCCESS;
}

const char *nvmlErrorString(nvmlReturn_t rc) {
  switch (rc) {
    case NVML_SUCCESS: return "Success";
    case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
    case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
    case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
    default: return "Unknown Error";
  }
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
  if (!initialized) return NVML_ERROR_UNINITIALIZED;
  *count = 2;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
  if (!initialized) return NVML_ERROR_UNINITIALIZED;
  if (index > 1) return NVML_ERROR_INVALID_ARGUMENT;
  *device = &devs[index];
  return NVML_SUCCESS;
}

static nvmlReturn_t copy_string(const char *s, char *out, unsigned int length) {
  if (strlen(s) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
  strcpy(out, s);
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char *name, unsigned int length) {
  DEV(d);
  return copy_string(d->name, name, length);
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char *uuid, unsigned int length) {
  DEV(d);
  return copy_string(d->uuid, uuid, length);
}

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *u) {
  DEV(d);
  if (d->util_rc != NVML_SUCCESS) return d->util_rc;
  u->gpu = d->util_gpu;
  u->memory = d->util_gpu / 2;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t d, nvmlMemory_t *m) {
  DEV(d);
  m->total = d->total;
  m->used = d->used;
  m->free = d->total - d->used;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *mw) {
  DEV(d);
  *mw = d->power_mw;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned int *t) {
  DEV(d);
  if (sensor != 0) return NVML_ERROR_INVALID_ARGUMENT;
  *t = d->temp_c;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t d, int type, unsigned int *mhz) {
  DEV(d);
  if (type != 1) return NVML_ERROR_INVALID_ARGUMENT; /* NVML_CLOCK_SM */
  *mhz = d->sm_mhz;
  return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t d, unsigned int *count,
                                                     nvmlProcessInfo_t *infos) {
  DEV(d);
  unsigned int n = d->nprocs + 1;
  if (*count < n || infos == NULL) {
    *count = n;
    return NVML_ERROR_INSUFFICIENT_SIZE;
  }
  for (unsigned int i = 0; i < d->nprocs; i++) {
    infos[i].pid = 1000000 + i; /* never this process */
    infos[i].usedGpuMemory = 1ULL << 20;
    infos[i].gpuInstanceId = 0xFFFFFFFFu;
    infos[i].computeInstanceId = 0xFFFFFFFFu;
  }
  infos[d->nprocs].pid = (unsigned int)getpid();
  infos[d->nprocs].usedGpuMemory = d->own_used;
  infos[d->nprocs].gpuInstanceId = 0xFFFFFFFFu;
  infos[d->nprocs].computeInstanceId = 0xFFFFFFFFu;
  *count = n;
  return NVML_SUCCESS;
}

/* ---- hooks for the test ---- */
void fake_set_all_fail(int index, int on) { devs[index].all_fail = on; }
int fake_calls(int index) { return devs[index].calls; }
int fake_shutdowns(void) { return shutdowns; }
