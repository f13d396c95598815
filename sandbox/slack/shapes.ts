import type { Channel, User, Workspace } from './model';

/** Web API shapes of stored objects, as conversations.* and users.* return them. */

export function channelObject(channel: Channel, viewerId: string): Record<string, unknown> {
  if (channel.imUser) {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      context_team_id: channel.teamId,
      user: channel.imUser,
      is_user_deleted: false,
      priority: 0,
    };
  }
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isPrivate,
    is_group: channel.isPrivate,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    created: channel.created,
    is_archived: channel.isArchived,
    is_general: channel.isGeneral,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: channel.teamId,
    parent_conversation: null,
    creator: channel.creator,
    shared_team_ids: [channel.teamId],
    is_member: channel.members.includes(viewerId),
    topic: { value: channel.topic, creator: channel.topic ? channel.creator : '', last_set: 0 },
    purpose: { value: channel.purpose, creator: channel.purpose ? channel.creator : '', last_set: 0 },
    previous_names: [],
    num_members: channel.members.length,
  };
}

/** A user object; the email appears only when the caller holds users:read.email. */
export function userObject(user: User, team: Workspace, showEmail: boolean): Record<string, unknown> {
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: user.deleted,
    color: '9f69e7',
    real_name: user.realName,
    tz: user.tz,
    tz_label: user.tz,
    tz_offset: 0,
    profile: {
      real_name: user.realName,
      display_name: user.name,
      real_name_normalized: user.realName,
      display_name_normalized: user.name,
      ...(showEmail && user.email ? { email: user.email } : {}),
      team: team.id,
    },
    is_admin: user.isAdmin,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.isBot,
    is_app_user: false,
    updated: Math.floor(Date.now() / 1000),
    is_email_confirmed: Boolean(user.email),
  };
}
