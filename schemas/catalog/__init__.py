"""``catalog.*``: brands, product models, warehouses and parts (snake_case, as every
namespace Switchyard adds to the service-center contract)."""
