import { ROLES } from '@/lib/roles'

/** The `<option>`s of a role `<select>`. */
export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {role}
    </option>
  ))
}
